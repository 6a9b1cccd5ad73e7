package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Security groups and their ingress rules (EC2), target groups and listener rules (ELBv2). Every create reads
 * first, so a step repeated after a crash finds what the first attempt made: the security group by name in
 * the VPC, an ingress rule by port and source, the target group by name, the listener rule by host name.
 */
@Singleton
@Typed(AwsNetwork.class)
public class AwsNetwork implements NetworkPort {

    /** ALB rule priorities run from 1 to 50000. */
    static final int MAX_PRIORITY = 50_000;
    private static final Pattern HEALTH_URL = Pattern.compile("https?://[^/\\s'\"]+(/[^\\s'\"|;&]*)");

    @Inject
    Ec2AsyncClient ec2;
    @Inject
    ElasticLoadBalancingV2AsyncClient elb;
    @Inject
    AwsCalls calls;

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

    /** Retried while the group is still in use (a task's network interface or a mount target takes a while to go). */
    @Override
    public Uni<Void> deleteSecurityGroup(String groupId) {
        return calls.call(CloudOperation.DELETE_SECURITY_GROUP,
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
                                        made.targetGroups().get(0).targetGroupName())));
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

    @Override
    public Uni<Void> deleteTargetGroup(String targetGroupArn) {
        return calls.call(CloudOperation.DELETE_TARGET_GROUP,
                        () -> elb.deleteTargetGroup(delete -> delete.targetGroupArn(targetGroupArn)))
                .replaceWithVoid();
    }

    /**
     * The rule for the host name if the listener has one; otherwise a new one. Its priority starts from a
     * hash of the host name, so replicas creating different environments at once rarely pick the same one;
     * when they do, ELBv2 refuses the second with PriorityInUse and it tries the next free priority.
     */
    @Override
    public Uni<ListenerRule> createRule(CreateRule request) {
        return createRule(request, 0);
    }

    private Uni<ListenerRule> createRule(CreateRule request, int attempt) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        return rules(operation, request.listenerArn(), null, new ArrayList<>())
                .chain(rules -> {
                    Optional<ListenerRule> existing = rules.stream()
                            .filter(rule -> routes(rule, request.hostHeader()))
                            .findFirst()
                            .map(rule -> new ListenerRule(rule.ruleArn(), Integer.parseInt(rule.priority())));
                    if (existing.isPresent()) {
                        return Uni.createFrom().item(existing.get());
                    }
                    int priority = freePriority(request.hostHeader(), rules, attempt);
                    return calls.call(operation, () -> elb.createRule(create -> create
                                    .listenerArn(request.listenerArn())
                                    .priority(priority)
                                    .conditions(RuleCondition.builder()
                                            .field("host-header")
                                            .hostHeaderConfig(HostHeaderConditionConfig.builder()
                                                    .values(request.hostHeader()).build())
                                            .build())
                                    .actions(Action.builder()
                                            .type(ActionTypeEnum.FORWARD)
                                            .targetGroupArn(request.targetGroupArn())
                                            .build())
                                    .tags(AwsTags.of(request.tags(), (key, value) ->
                                            software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                                                    .key(key).value(value).build()))))
                            .map(made -> new ListenerRule(made.rules().get(0).ruleArn(),
                                    Integer.parseInt(made.rules().get(0).priority())))
                            .onFailure(code("PriorityInUse").and(f -> attempt < 20))
                            .recoverWithUni(() -> createRule(request, attempt + 1));
                });
    }

    private Uni<List<Rule>> rules(CloudOperation operation, String listenerArn, String marker, List<Rule> found) {
        return calls.call(operation, () -> elb.describeRules(describe -> describe.listenerArn(listenerArn)
                        .marker(marker)))
                .chain(page -> {
                    found.addAll(page.rules());
                    return page.nextMarker() == null || page.nextMarker().isEmpty()
                            ? Uni.createFrom().item(found)
                            : rules(operation, listenerArn, page.nextMarker(), found);
                });
    }

    /** The host rule: the host-header condition alone, forwarding (origin protection's rules have more, or deny). */
    private static boolean routes(Rule rule, String hostHeader) {
        return !Boolean.TRUE.equals(rule.isDefault()) && rule.conditions().size() == 1
                && rule.actions().stream().allMatch(action -> action.type() == ActionTypeEnum.FORWARD)
                && rule.conditions().stream()
                .anyMatch(condition -> "host-header".equals(condition.field())
                        && ((condition.hostHeaderConfig() != null
                                && condition.hostHeaderConfig().values().contains(hostHeader))
                                || condition.values().contains(hostHeader)));
    }

    /** The first priority not taken, from the host name's own starting point; later attempts look further on. */
    static int freePriority(String hostHeader, List<Rule> rules, int attempt) {
        Set<Integer> taken = new TreeSet<>();
        for (Rule rule : rules) {
            if (!Boolean.TRUE.equals(rule.isDefault()) && rule.priority() != null && rule.priority().matches("\\d+")) {
                taken.add(Integer.parseInt(rule.priority()));
            }
        }
        int start = Math.floorMod(hostHeader.hashCode(), MAX_PRIORITY) + 1;
        int skipped = 0;
        for (int i = 0; i < MAX_PRIORITY; i++) {
            int candidate = (start - 1 + i) % MAX_PRIORITY + 1;
            if (!taken.contains(candidate)) {
                if (skipped == attempt) {
                    return candidate;
                }
                skipped++;
            }
        }
        throw ProviderException.refused(CloudOperation.CREATE_RULE, "TooManyRules",
                "the listener has no free rule priority left");
    }

    @Override
    public Uni<Void> deleteRule(String ruleArn) {
        return calls.call(CloudOperation.DELETE_RULE, () -> elb.deleteRule(delete -> delete.ruleArn(ruleArn)))
                .replaceWithVoid();
    }

    private static TagSpecification tags(ResourceType type, Map<String, String> tags, String name) {
        List<software.amazon.awssdk.services.ec2.model.Tag> all = new ArrayList<>(AwsTags.of(tags, (key, value) ->
                software.amazon.awssdk.services.ec2.model.Tag.builder().key(key).value(value).build()));
        if (name != null) {
            all.add(software.amazon.awssdk.services.ec2.model.Tag.builder().key("Name").value(name).build());
        }
        return TagSpecification.builder().resourceType(type).tags(all).build();
    }
}
