package io.paddock.provisioning.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort.CreateRule;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ResourceTags;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * The environments' rules on the shared listener. The listener is shared with whatever else the account routes, so a
 * rule is Paddock's only when it carries the environment tag: a rule for the host is reused only when it carries
 * this environment's {@code paddock:environment-id} and forwards to this environment's target group, and a rule
 * without Paddock's tag is never changed or deleted. Another rule for the same host is a terminal failure
 * ({@code HostInUse}), not a takeover.
 */
@Singleton
class AwsListenerRules {

    private static final Logger LOG = Logger.getLogger(AwsListenerRules.class);
    /** ALB rule priorities run from 1 to 50000. */
    static final int MAX_PRIORITY = 50_000;
    /** ELBv2 DescribeTags takes at most 20 resource ARNs. */
    private static final int DESCRIBE_TAGS_AT_MOST = 20;

    @Inject ElasticLoadBalancingV2AsyncClient elb;
    @Inject AwsCalls calls;

    /**
     * This environment's rule for the host if the listener has one; otherwise a new one. Its priority starts from a
     * hash of the host name, so replicas creating different environments at once rarely pick the same one; when
     * they do, ELBv2 refuses the second with PriorityInUse and it tries the next free priority.
     */
    Uni<ListenerRule> create(CreateRule request) {
        return create(request, 0);
    }

    private Uni<ListenerRule> create(CreateRule request, int attempt) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        return rules(operation, request.listenerArn())
                .chain(rules -> {
                    List<Rule> forHost = rules.stream().filter(rule -> routes(rule, request.hostHeader())).toList();
                    if (!forHost.isEmpty()) {
                        return tags(operation, forHost.stream().map(Rule::ruleArn).toList())
                                .map(tags -> owned(request, forHost, tags));
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
                                            Tag.builder().key(key).value(value).build()))))
                            .map(made -> new ListenerRule(made.rules().get(0).ruleArn(),
                                    Integer.parseInt(made.rules().get(0).priority())))
                            .onFailure(AwsCalls.code("PriorityInUse").and(f -> attempt < 20))
                            .recoverWithUni(() -> create(request, attempt + 1));
                });
    }

    /** The rule an earlier attempt of this environment made; any other rule for the host is someone else's. */
    private static ListenerRule owned(CreateRule request, List<Rule> forHost, Map<String, Map<String, String>> tags) {
        String environment = request.tags().get(ResourceTags.ENVIRONMENT_ID);
        for (Rule rule : forHost) {
            Map<String, String> ruleTags = tags.getOrDefault(rule.ruleArn(), Map.of());
            if (environment != null && environment.equals(ruleTags.get(ResourceTags.ENVIRONMENT_ID))
                    && forwardsTo(rule, request.targetGroupArn())) {
                return new ListenerRule(rule.ruleArn(), Integer.parseInt(rule.priority()));
            }
        }
        Rule other = forHost.get(0);
        String owner = tags.getOrDefault(other.ruleArn(), Map.of()).get(ResourceTags.ENVIRONMENT_ID);
        throw ProviderException.refused(CloudOperation.CREATE_RULE, "HostInUse", "the listener already routes "
                + request.hostHeader() + " with rule " + other.ruleArn() + ", which "
                + (owner == null ? "Paddock did not make (it has no " + ResourceTags.ENVIRONMENT_ID + " tag)"
                        : "belongs to environment " + owner)
                + "; Paddock does not take over another's rule: remove it, or choose another envName");
    }

    private static boolean forwardsTo(Rule rule, String targetGroupArn) {
        return rule.actions().stream().anyMatch(action -> targetGroupArn.equals(action.targetGroupArn())
                || (action.forwardConfig() != null && action.forwardConfig().targetGroups().stream()
                        .anyMatch(group -> targetGroupArn.equals(group.targetGroupArn()))));
    }

    /**
     * Deletes the rule only when it carries Paddock's environment tag: one without it was never Paddock's (a ledger
     * written before rules were checked for their owner may name one), and is left as it is.
     */
    Uni<Void> delete(String ruleArn) {
        CloudOperation operation = CloudOperation.DELETE_RULE;
        return tags(operation, List.of(ruleArn))
                .onFailure(AwsCalls.code("RuleNotFound")).transform(AwsCalls::asNotFound)
                .chain(tags -> {
                    if (!tags.getOrDefault(ruleArn, Map.of()).containsKey(ResourceTags.ENVIRONMENT_ID)) {
                        LOG.warnf("listener rule %s carries no %s tag: it is not Paddock's and is left in place",
                                ruleArn, ResourceTags.ENVIRONMENT_ID);
                        return Uni.createFrom().voidItem();
                    }
                    return calls.call(operation, () -> elb.deleteRule(delete -> delete.ruleArn(ruleArn)))
                            .replaceWithVoid();
                });
    }

    /** The tags of each resource, by ARN (20 ARNs a call, as ELBv2 allows). */
    Uni<Map<String, Map<String, String>>> tags(CloudOperation operation, List<String> arns) {
        Map<String, Map<String, String>> all = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < arns.size(); from += DESCRIBE_TAGS_AT_MOST) {
            List<String> batch = List.copyOf(arns.subList(from, Math.min(arns.size(), from + DESCRIBE_TAGS_AT_MOST)));
            chain = chain.chain(() -> calls.call(operation, () -> elb.describeTags(describe -> describe
                            .resourceArns(batch)))
                    .invoke(answer -> {
                        for (TagDescription description : answer.tagDescriptions()) {
                            Map<String, String> tags = new HashMap<>();
                            description.tags().forEach(tag -> tags.put(tag.key(), tag.value()));
                            all.put(description.resourceArn(), tags);
                        }
                    })
                    .replaceWithVoid());
        }
        return chain.replaceWith(all);
    }

    /** Every rule of the listener, page by page. */
    Uni<List<Rule>> rules(CloudOperation operation, String listenerArn) {
        return calls.pages(operation, marker -> elb.describeRules(describe -> describe.listenerArn(listenerArn)
                .marker(marker)), DescribeRulesResponse::rules, DescribeRulesResponse::nextMarker);
    }

    /**
     * The host rule: the host-header condition alone, forwarding. Origin protection's rules for the same host have
     * more conditions, or answer themselves, and are not it.
     */
    private static boolean routes(Rule rule, String hostHeader) {
        return !Boolean.TRUE.equals(rule.isDefault()) && rule.conditions().size() == 1
                && rule.actions().stream().allMatch(action -> action.type() == ActionTypeEnum.FORWARD)
                && rule.conditions().stream()
                .anyMatch(condition -> "host-header".equals(condition.field())
                        && ((condition.hostHeaderConfig() != null
                                && condition.hostHeaderConfig().values().stream().anyMatch(hostHeader::equalsIgnoreCase))
                                || condition.values().stream().anyMatch(hostHeader::equalsIgnoreCase)));
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
}
