package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.OriginRulePort;
import io.paddock.provisioning.OriginRules;
import io.paddock.provisioning.OriginRules.OriginRule;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * Origin protection on the shared ALB listener: rules matching the environment's host and, for the allow rules, a
 * source-ip or http-header condition, forwarding to its target group; the deny rule answers a fixed 403 or a 302
 * redirect to {@code https://<redirectHost>/#{path}?#{query}}. A rule with the same conditions and action found on the
 * listener is the one an earlier attempt made.
 */
@Singleton
@Typed(AwsOriginRules.class)
public class AwsOriginRules implements OriginRulePort {

    @Inject ElasticLoadBalancingV2AsyncClient elb;
    @Inject AwsCalls calls;
    @Inject AwsListenerRules listenerRules;

    @Override
    public Uni<Integer> makeRoom(String listenerArn, String hostRuleArn, int count) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        return listenerRules.rules(operation, listenerArn).chain(rules -> {
            Set<Integer> taken = taken(rules);
            int host = rules.stream().filter(rule -> rule.ruleArn().equals(hostRuleArn)).findFirst()
                    .map(rule -> Integer.parseInt(rule.priority()))
                    .orElseThrow(() -> ProviderException.notFound(operation, "RuleNotFound",
                            "the environment's host rule " + hostRuleArn + " is not on the listener"));
            int target = OriginRules.roomFor(taken, host, count);
            if (target == host) {
                return Uni.createFrom().item(host);
            }
            return calls.call(operation, () -> elb.setRulePriorities(set -> set.rulePriorities(priority -> priority
                            .ruleArn(hostRuleArn).priority(target))))
                    .replaceWith(target);
        });
    }

    @Override
    public Uni<ListenerRule> createOriginRule(CreateOriginRule request) {
        return createOriginRule(request, 0);
    }

    private Uni<ListenerRule> createOriginRule(CreateOriginRule request, int attempt) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        List<RuleCondition> conditions = conditions(request);
        Action action = action(request);
        return listenerRules.rules(operation, request.listenerArn()).chain(rules -> {
            Optional<Rule> existing = rules.stream()
                    .filter(rule -> !request.replacing().contains(rule.ruleArn()))
                    .filter(rule -> same(rule, conditions, action))
                    .findFirst();
            if (existing.isPresent()) {
                return Uni.createFrom().item(new ListenerRule(existing.get().ruleArn(),
                        Integer.parseInt(existing.get().priority())));
            }
            int priority = OriginRules.highestFreeBelow(taken(rules), request.below(), attempt);
            return calls.call(operation, () -> elb.createRule(create -> create
                            .listenerArn(request.listenerArn())
                            .priority(priority)
                            .conditions(conditions)
                            .actions(action)
                            .tags(AwsTags.of(request.tags(), (key, value) -> Tag.builder().key(key).value(value).build()))))
                    .map(made -> new ListenerRule(made.rules().get(0).ruleArn(),
                            Integer.parseInt(made.rules().get(0).priority())))
                    .onFailure(code("PriorityInUse").and(f -> attempt < 20))
                    .recoverWithUni(() -> createOriginRule(request, attempt + 1));
        });
    }

    private static List<RuleCondition> conditions(CreateOriginRule request) {
        List<RuleCondition> conditions = new ArrayList<>();
        conditions.add(RuleCondition.builder().field("host-header")
                .hostHeaderConfig(host -> host.values(request.hostHeader())).build());
        OriginRule rule = request.rule();
        switch (rule.kind()) {
            case ALLOW_SOURCE_IP -> conditions.add(RuleCondition.builder().field("source-ip")
                    .sourceIpConfig(source -> source.values(rule.sourceIps())).build());
            case ALLOW_HEADER -> conditions.add(RuleCondition.builder().field("http-header")
                    .httpHeaderConfig(header -> header.httpHeaderName(rule.header().name())
                            .values(rule.header().value())).build());
            case DENY -> {
            }
        }
        return conditions;
    }

    private static Action action(CreateOriginRule request) {
        OriginRule rule = request.rule();
        if (rule.kind() != OriginRule.Kind.DENY) {
            return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(request.targetGroupArn()).build();
        }
        if (rule.redirectHost() == null) {
            return Action.builder().type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(fixed -> fixed
                    .statusCode("403").contentType("text/plain").messageBody("Forbidden")).build();
        }
        return Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(redirect -> redirect
                .protocol("HTTPS").host(rule.redirectHost()).port("443").path("/#{path}").query("#{query}")
                .statusCode(RedirectActionStatusCodeEnum.HTTP_302)).build();
    }

    /** Same conditions (by field and values) and the same action. */
    private static boolean same(Rule rule, List<RuleCondition> conditions, Action action) {
        if (Boolean.TRUE.equals(rule.isDefault()) || rule.conditions().size() != conditions.size()
                || rule.actions().size() != 1) {
            return false;
        }
        for (RuleCondition wanted : conditions) {
            if (rule.conditions().stream().noneMatch(found -> values(found).equals(values(wanted)))) {
                return false;
            }
        }
        Action found = rule.actions().get(0);
        return found.type() == action.type()
                && String.valueOf(found.targetGroupArn()).equals(String.valueOf(action.targetGroupArn()))
                && (action.redirectConfig() == null || found.redirectConfig() != null
                        && action.redirectConfig().host().equals(found.redirectConfig().host()));
    }

    private static String values(RuleCondition condition) {
        return condition.field() + " " + switch (condition.field()) {
            case "host-header" -> condition.hostHeaderConfig() == null ? "" : condition.hostHeaderConfig().values();
            case "source-ip" -> condition.sourceIpConfig() == null ? "" : condition.sourceIpConfig().values();
            case "http-header" -> condition.httpHeaderConfig() == null ? ""
                    : condition.httpHeaderConfig().httpHeaderName() + condition.httpHeaderConfig().values();
            default -> condition.values();
        };
    }

    private static Set<Integer> taken(List<Rule> rules) {
        Set<Integer> taken = new TreeSet<>();
        for (Rule rule : rules) {
            if (!Boolean.TRUE.equals(rule.isDefault()) && rule.priority() != null && rule.priority().matches("\\d+")) {
                taken.add(Integer.parseInt(rule.priority()));
            }
        }
        return taken;
    }
}
