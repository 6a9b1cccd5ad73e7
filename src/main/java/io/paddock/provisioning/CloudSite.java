package io.paddock.provisioning;

import java.time.Duration;
import java.util.List;

/**
 * The shared infrastructure environments attach to, as the active provider knows it: the orchestrator takes
 * these from here rather than from configuration, because each provider has its own keys (the local provider
 * simulates with {@code paddock.cloud.*}; the aws provider must run with the real values of {@code paddock.aws.*}).
 */
public interface CloudSite {

    /** The ECS cluster services are created in. */
    String cluster();

    /** The VPC security groups and target groups are created in. */
    String vpcId();

    /** The subnets tasks run in; the file system gets one mount target in each. */
    List<String> subnetIds();

    /** The shared load balancer's security group: the source of every ingress rule for an exposed port. */
    String loadBalancerSecurityGroupId();

    /** The shared load balancer's listener that gets one host-name rule per environment. */
    String listenerArn();

    /** Environments answer on {@code <envName>.<application>.<organisation>.<base-domain>}. */
    String baseDomain();

    /**
     * Whether a compose may name this task role: the provider passes it to the tasks it runs, so a role outside what
     * the operator allows would let a tenant act as any role Paddock itself may pass. The local provider runs
     * nothing and allows any.
     */
    default boolean allowsTaskRole(String arn) {
        return true;
    }

    /** The task roles allowed, as configured (ARNs, {@code *} matching any run of characters). */
    default List<String> allowedTaskRoles() {
        return List.of("*");
    }

    /**
     * How long, beyond the call timeout, a create may wait for what it made to become usable (an EFS mount target takes
     * a minute or more on AWS). The local provider waits for nothing.
     */
    default Duration availabilityBudget() {
        return Duration.ZERO;
    }

    /**
     * How long, beyond the call timeout, a deletion may wait for what still uses its resource to go (a service's tasks
     * to stop, their network interfaces to be released, mount targets to be deleted).
     */
    default Duration dependencyBudget() {
        return Duration.ZERO;
    }

    /** The site {@code paddock.cloud.*} describes (the local provider's). */
    static CloudSite of(io.paddock.PaddockConfig.Cloud cloud) {
        return new Fixed(cloud.cluster(), cloud.vpcId(), List.copyOf(cloud.subnetIds()),
                cloud.loadBalancerSecurityGroupId(), cloud.listenerArn(), cloud.baseDomain());
    }

    record Fixed(String cluster, String vpcId, List<String> subnetIds, String loadBalancerSecurityGroupId,
            String listenerArn, String baseDomain) implements CloudSite {
    }
}
