package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.Workload;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Security groups and their ingress rules (EC2), target groups and listener rules (ELBv2). Every create reads
 * first, so a step repeated after a crash finds what the first attempt made: the security group by name in
 * the VPC, an ingress rule by port and source, the target group by name, the listener rule by host name and owner
 * ({@link AwsListenerRules}).
 */
@Singleton
@Typed(AwsNetwork.class)
public class AwsNetwork implements NetworkPort {

    private static final Pattern HEALTH_URL = Pattern.compile("https?://[^/\\s'\"]+(/[^\\s'\"|;&]*)");

    @Inject Ec2AsyncClient ec2;
    @Inject ElasticLoadBalancingV2AsyncClient elb;
    @Inject AwsCalls calls;
    @Inject AwsListenerRules rules;
    @Inject AwsSettings settings;

    @Override
    public Uni<SecurityGroup> createSecurityGroup(CreateSecurityGroup request) {
        CloudOperation operation = CloudOperation.CREATE_SECURITY_GROUP;
        return findSecurityGroup(operation, request)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation, () -> ec2.createSecurityGroup(create -> create
                                        .groupName(request.groupName())
                                        .description(request.description())
                                        .vpcId(request.vpcId())
                                        .tagSpecifications(tags(ResourceType.SECURITY_GROUP, request.tags(),
                                                request.groupName()))))
                                .map(made -> new SecurityGroup(made.groupId(), request.groupName()))
                                // Another attempt made it between the read and the create.
                                .onFailure(code("InvalidGroup.Duplicate")).recoverWithUni(() -> findSecurityGroup(
                                        operation, request).map(Optional::orElseThrow)));
    }

    private Uni<Optional<SecurityGroup>> findSecurityGroup(CloudOperation operation, CreateSecurityGroup request) {
        return calls.call(operation, () -> ec2.describeSecurityGroups(describe -> describe.filters(
                        Filter.builder().name("group-name").values(request.groupName()).build(),
                        Filter.builder().name("vpc-id").values(request.vpcId()).build())))
                .map(answer -> answer.securityGroups().stream()
                        .findFirst()
                        .map(group -> new SecurityGroup(group.groupId(), group.groupName())));
    }

    @Override
    public Uni<IngressRule> authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngress request) {
        CloudOperation operation = CloudOperation.AUTHORIZE_SECURITY_GROUP_INGRESS;
        return findIngressRule(operation, request)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation, () -> ec2.authorizeSecurityGroupIngress(authorize -> authorize
                                        .groupId(request.groupId())
                                        .ipPermissions(IpPermission.builder()
                                                .ipProtocol("tcp")
                                                .fromPort(request.port())
                                                .toPort(request.port())
                                                .userIdGroupPairs(UserIdGroupPair.builder()
                                                        .groupId(request.sourceSecurityGroupId())
                                                        .description(request.description())
                                                        .build())
                                                .build())
                                        .tagSpecifications(tags(ResourceType.SECURITY_GROUP_RULE, request.tags(),
                                                null))))
                                .map(made -> made.securityGroupRules().stream()
                                        .findFirst()
                                        .map(rule -> new IngressRule(rule.securityGroupRuleId(), request.groupId(),
                                                request.port()))
                                        .orElseThrow(() -> ProviderException.refused(operation, "MissingRule",
                                                "AuthorizeSecurityGroupIngress answered without the rule it made")))
                                .onFailure(code("InvalidPermission.Duplicate")).recoverWithUni(() -> findIngressRule(
                                        operation, request).map(Optional::orElseThrow)));
    }

    private Uni<Optional<IngressRule>> findIngressRule(CloudOperation operation, AuthorizeSecurityGroupIngress request) {
        return calls.call(operation, () -> ec2.describeSecurityGroupRules(describe -> describe.filters(
                        Filter.builder().name("group-id").values(request.groupId()).build())))
                .map(answer -> answer.securityGroupRules().stream()
                        .filter(rule -> matches(rule, request))
                        .findFirst()
                        .map(rule -> new IngressRule(rule.securityGroupRuleId(), request.groupId(), request.port())));
    }

    private static boolean matches(SecurityGroupRule rule, AuthorizeSecurityGroupIngress request) {
        return !Boolean.TRUE.equals(rule.isEgress())
                && "tcp".equals(rule.ipProtocol())
                && rule.fromPort() != null && rule.fromPort() == request.port()
                && rule.toPort() != null && rule.toPort() == request.port()
                && rule.referencedGroupInfo() != null
                && request.sourceSecurityGroupId().equals(rule.referencedGroupInfo().groupId());
    }

    @Override
    public Uni<Void> revokeSecurityGroupIngress(String groupId, String securityGroupRuleId) {
        return calls.call(CloudOperation.REVOKE_SECURITY_GROUP_INGRESS, () -> ec2.revokeSecurityGroupIngress(
                        revoke -> revoke.groupId(groupId).securityGroupRuleIds(securityGroupRuleId)))
                .replaceWithVoid();
    }

    /**
     * Retried while the group is still in use, for up to paddock.aws.dependency-budget: a stopped task's network
     * interface and a deleted mount target's take a while to go.
     */
    @Override
    public Uni<Void> deleteSecurityGroup(String groupId) {
        return calls.call(CloudOperation.DELETE_SECURITY_GROUP, settings.dependencyBudget(),
                        () -> ec2.deleteSecurityGroup(delete -> delete.groupId(groupId)))
                .replaceWithVoid();
    }

    @Override
    public Uni<TargetGroup> createTargetGroup(CreateTargetGroup request) {
        CloudOperation operation = CloudOperation.CREATE_TARGET_GROUP;
        return findTargetGroup(operation, request.name())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation, () -> elb.createTargetGroup(create -> {
                                    create.name(request.name())
                                            .protocol(ProtocolEnum.HTTP)
                                            .port(request.port())
                                            .vpcId(request.vpcId())
                                            .targetType(TargetTypeEnum.IP)
                                            .healthCheckEnabled(true)
                                            .healthCheckProtocol(ProtocolEnum.HTTP)
                                            .healthCheckPath(healthCheckPath(request.healthCheck()))
                                            .matcher(matcher -> matcher.httpCode("200-399"))
                                            .tags(AwsTags.of(request.tags(), (key, value) ->
                                                    software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag
                                                            .builder().key(key).value(value).build()));
                                    healthCheckTiming(create, request.healthCheck());
                                }))
                                .map(made -> new TargetGroup(made.targetGroups().get(0).targetGroupArn(),
                                        made.targetGroups().get(0).targetGroupName())))
                .call(group -> deregistrationDelay(operation, group.targetGroupArn()));
    }

    /**
     * ALB keeps a deregistered target's connections for 300 s by default, which every teardown and every roll-out
     * would wait out; Paddock's services answer short requests, so the delay is paddock.aws.deregistration-delay.
     */
    private Uni<Void> deregistrationDelay(CloudOperation operation, String targetGroupArn) {
        return calls.call(operation, () -> elb.modifyTargetGroupAttributes(modify -> modify
                        .targetGroupArn(targetGroupArn)
                        .attributes(attribute -> attribute.key("deregistration_delay.timeout_seconds")
                                .value(String.valueOf(settings.deregistrationDelay().toSeconds())))))
                .replaceWithVoid();
    }

    private Uni<Optional<TargetGroup>> findTargetGroup(CloudOperation operation, String name) {
        return calls.call(operation, () -> elb.describeTargetGroups(describe -> describe.names(name)))
                .map(answer -> answer.targetGroups().stream()
                        .findFirst()
                        .map(group -> new TargetGroup(group.targetGroupArn(), group.targetGroupName())))
                .onFailure(code("TargetGroupNotFound")).recoverWithItem(Optional.empty());
    }

    /** The path of the URL the container's health check command fetches, if it fetches one; else "/". */
    static String healthCheckPath(Workload.HealthCheck healthCheck) {
        if (healthCheck != null && healthCheck.command() != null) {
            for (String part : healthCheck.command()) {
                Matcher url = HEALTH_URL.matcher(part);
                if (url.find()) {
                    return url.group(1);
                }
            }
        }
        return "/";
    }

    /** The container's timing, within what ALB accepts (a timeout shorter than the interval, 2 to 10 failures). */
    private static void healthCheckTiming(
            software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest.Builder create,
            Workload.HealthCheck healthCheck) {
        if (healthCheck == null) {
            return;
        }
        int interval = clamp(healthCheck.interval(), 5, 300);
        int timeout = clamp(Math.min(healthCheck.timeout(), interval - 1), 2, 120);
        create.healthCheckIntervalSeconds(interval)
                .healthCheckTimeoutSeconds(timeout)
                .unhealthyThresholdCount(clamp(healthCheck.retries(), 2, 10));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Retried while a rule still forwards to it (ResourceInUse), for up to paddock.aws.dependency-budget. */
    @Override
    public Uni<Void> deleteTargetGroup(String targetGroupArn) {
        return calls.call(CloudOperation.DELETE_TARGET_GROUP, settings.dependencyBudget(),
                        () -> elb.deleteTargetGroup(delete -> delete.targetGroupArn(targetGroupArn)))
                .replaceWithVoid();
    }

    @Override
    public Uni<ListenerRule> createRule(CreateRule request) {
        return rules.create(request);
    }

    @Override
    public Uni<Void> deleteRule(String ruleArn) {
        return rules.delete(ruleArn);
    }

    /** The tags of an EC2 resource: Paddock's, and a Name when one is given. */
    static TagSpecification tags(ResourceType type, Map<String, String> tags, String name) {
        List<software.amazon.awssdk.services.ec2.model.Tag> all = new ArrayList<>(AwsTags.of(tags, (key, value) ->
                software.amazon.awssdk.services.ec2.model.Tag.builder().key(key).value(value).build()));
        if (name != null) {
            all.add(software.amazon.awssdk.services.ec2.model.Tag.builder().key("Name").value(name).build());
        }
        return TagSpecification.builder().resourceType(type).tags(all).build();
    }
}
