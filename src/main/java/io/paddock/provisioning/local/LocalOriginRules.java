package io.paddock.provisioning.local;

import static io.paddock.provisioning.ResourceTags.environmentOf;
import static io.paddock.provisioning.local.LocalCloud.hex;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.OriginRulePort;
import io.paddock.provisioning.OriginRules;
import io.paddock.provisioning.OriginRules.OriginRule;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Origin protection's listener rules in the local cloud, with their conditions and action as attributes, so that
 * {@link LocalRouting} can route a request as the ALB would.
 */
@ApplicationScoped
@Typed(LocalOriginRules.class)
public class LocalOriginRules implements OriginRulePort {

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;

    @Override
    public Uni<Integer> makeRoom(String listenerArn, String hostRuleArn, int count) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        return cloud.call(operation, null, hostRuleArn, () -> inventory.listenerRules(listenerArn).chain(rules -> {
            Optional<LocalInventory.Resource> host = rules.stream().filter(rule -> rule.id().equals(hostRuleArn))
                    .findFirst();
            if (host.isEmpty()) {
                return Uni.createFrom().failure(ProviderException.notFound(operation, "RuleNotFound",
                        "One or more rules not found"));
            }
            int priority = host.get().attributes().getInteger("priority");
            int target = OriginRules.roomFor(taken(rules), priority, count);
            if (target == priority) {
                return Uni.createFrom().item(priority);
            }
            return inventory.updateAttributes(hostRuleArn, host.get().attributes().copy().put("priority", target))
                    .replaceWith(target);
        }));
    }

    @Override
    public Uni<ListenerRule> createOriginRule(CreateOriginRule request) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        var environment = environmentOf(request.tags());
        OriginRule rule = request.rule();
        return cloud.call(operation, environment, null, () -> inventory.listenerRules(request.listenerArn())
                .chain(rules -> {
                    Optional<LocalInventory.Resource> existing = rules.stream()
                            .filter(found -> !request.replacing().contains(found.id()))
                            .filter(found -> request.hostHeader().equals(found.attributes().getString("hostHeader"))
                                    && rule.signature().equals(found.attributes().getString("signature")))
                            .findFirst();
                    if (existing.isPresent()) {
                        return Uni.createFrom().item(new ListenerRule(existing.get().id(),
                                existing.get().attributes().getInteger("priority")));
                    }
                    int priority = OriginRules.highestFreeBelow(taken(rules), request.below(), 0);
                    String arn = request.listenerArn().replace(":listener/", ":listener-rule/") + "/" + hex(16);
                    return inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.LISTENER_RULE,
                                    environment, request.hostHeader(), request.targetGroupArn(), attributes(request, priority)))
                            .replaceWith(new ListenerRule(arn, priority));
                }));
    }

    private static JsonObject attributes(CreateOriginRule request, int priority) {
        OriginRule rule = request.rule();
        JsonObject attributes = new JsonObject()
                .put("listenerArn", request.listenerArn())
                .put("priority", priority)
                .put("hostHeader", request.hostHeader())
                .put("signature", rule.signature());
        switch (rule.kind()) {
            case ALLOW_SOURCE_IP -> attributes.put("sourceIps", new JsonArray(rule.sourceIps()))
                    .put("action", "forward");
            case ALLOW_HEADER -> attributes.put("httpHeader", new JsonObject().put("name", rule.header().name())
                    .put("value", rule.header().value())).put("action", "forward");
            case DENY -> {
                if (rule.redirectHost() == null) {
                    attributes.put("action", "fixed-response").put("statusCode", 403);
                } else {
                    attributes.put("action", "redirect").put("statusCode", 302).put("redirectHost", rule.redirectHost());
                }
            }
        }
        return attributes;
    }

    private static Set<Integer> taken(java.util.List<LocalInventory.Resource> rules) {
        Set<Integer> taken = new TreeSet<>();
        rules.forEach(rule -> taken.add(rule.attributes().getInteger("priority")));
        return taken;
    }
}
