package io.paddock.provisioning;

import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * The network an environment needs: its security group and ingress rules (EC2), and, when a container
 * exposes a port, a target group and a rule on the shared load balancer's listener (ELBv2). One method per
 * provider operation. Each returned {@link Uni} completes when the resource is usable by what depends on it,
 * on any thread, and fails with {@link ProviderException}.
 */
public interface NetworkPort {

    /** EC2 CreateSecurityGroup in the environment's VPC. */
    Uni<SecurityGroup> createSecurityGroup(CreateSecurityGroup request);

    /** EC2 AuthorizeSecurityGroupIngress with one TCP rule: from a security group (the load balancer's, or the group itself). */
    Uni<IngressRule> authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngress request);

    /** EC2 RevokeSecurityGroupIngress of one rule. */
    Uni<Void> revokeSecurityGroupIngress(String groupId, String securityGroupRuleId);

    /** EC2 DeleteSecurityGroup. */
    Uni<Void> deleteSecurityGroup(String groupId);

    /** ELBv2 CreateTargetGroup: HTTP, target type ip, health-checked on the container port. */
    Uni<TargetGroup> createTargetGroup(CreateTargetGroup request);

    /** ELBv2 DeleteTargetGroup. */
    Uni<Void> deleteTargetGroup(String targetGroupArn);

    /**
     * ELBv2 CreateRule: forward requests for the host name to the target group. The adapter picks a priority
     * free on the listener (rules match on distinct host names, so their order does not matter).
     */
    Uni<ListenerRule> createRule(CreateRule request);

    /** ELBv2 DeleteRule. */
    Uni<Void> deleteRule(String ruleArn);

    record CreateSecurityGroup(String groupName, String description, String vpcId, Map<String, String> tags) {
    }

    record SecurityGroup(String groupId, String groupName) {
    }

    record AuthorizeSecurityGroupIngress(String groupId, int port, String sourceSecurityGroupId, String description,
            Map<String, String> tags) {
    }

    record IngressRule(String securityGroupRuleId, String groupId, int port) {
    }

    /** {@code healthCheck} is the routed container's, when it has one: its timing becomes the target group's. */
    record CreateTargetGroup(String name, int port, String vpcId, Workload.HealthCheck healthCheck,
            Map<String, String> tags) {
    }

    record TargetGroup(String targetGroupArn, String name) {
    }

    record CreateRule(String listenerArn, String hostHeader, String targetGroupArn,
            Map<String, String> tags) {
    }

    record ListenerRule(String ruleArn, int priority) {
    }
}
