package io.paddock.testing.aws;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How ECS takes a service's capacity: a launch type or a capacity provider strategy, never both; the cluster's
 * capacity providers are Fargate's two. An update may change the strategy (an empty one goes back to the launch type)
 * only with a forced new deployment. The service's state keeps {@code launchType} or {@code capacityProviderStrategy},
 * and its answers show it as ECS does.
 */
final class EcsCapacity {

    static final Set<String> CLUSTER_PROVIDERS = Set.of("FARGATE", "FARGATE_SPOT");

    private EcsCapacity() {
    }

    static void onCreate(JsonNode request, ObjectNode state) {
        JsonNode strategy = request.path("capacityProviderStrategy");
        boolean withStrategy = strategy.isArray() && !strategy.isEmpty();
        if (withStrategy && request.hasNonNull("launchType")) {
            throw AwsDouble.refused("InvalidParameterException",
                    "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }
        if (withStrategy) {
            check(strategy);
            state.set("capacityProviderStrategy", strategy.deepCopy());
        } else {
            // A cluster without a default capacity provider strategy, as Paddock's is: EC2 unless told otherwise.
            state.put("launchType", request.path("launchType").asText("EC2"));
        }
    }

    static void onUpdate(JsonNode request, ObjectNode state) {
        if (!request.has("capacityProviderStrategy")) {
            return;
        }
        JsonNode strategy = request.path("capacityProviderStrategy");
        JsonNode current = state.path("capacityProviderStrategy");
        boolean changes = strategy.isEmpty() ? state.has("capacityProviderStrategy") : !strategy.equals(current);
        if (!changes) {
            return;
        }
        if (!request.path("forceNewDeployment").asBoolean()) {
            throw AwsDouble.refused("InvalidParameterException", "When switching from launch type to capacity provider"
                    + " strategy on an existing service, or making a change to a capacity provider strategy on a service"
                    + " that is already using one, you must force a new deployment.");
        }
        if (strategy.isEmpty()) {
            state.remove("capacityProviderStrategy");
            state.put("launchType", state.path("launchTypeBefore").asText("FARGATE"));
        } else {
            check(strategy);
            if (state.has("launchType")) {
                state.put("launchTypeBefore", state.path("launchType").asText());
            }
            state.remove("launchType");
            state.set("capacityProviderStrategy", strategy.deepCopy());
        }
    }

    /** What ECS's service answer says of its capacity. */
    static void describe(ObjectNode state, ObjectNode service) {
        if (state.has("capacityProviderStrategy")) {
            service.set("capacityProviderStrategy", state.path("capacityProviderStrategy").deepCopy());
        } else {
            service.put("launchType", state.path("launchType").asText("FARGATE"));
        }
    }

    private static void check(JsonNode strategy) {
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        int weighted = 0;
        for (JsonNode item : strategy) {
            String provider = item.path("capacityProvider").asText();
            if (!CLUSTER_PROVIDERS.contains(provider)) {
                throw AwsDouble.refused("InvalidParameterException", "The specified capacity provider strategy cannot"
                        + " contain a capacity provider that is not associated with the cluster. Associate the capacity"
                        + " provider with the cluster or specify a valid capacity provider and try again.");
            }
            if (!seen.add(provider)) {
                throw AwsDouble.refused("InvalidParameterException",
                        "The capacity provider strategy cannot contain duplicate capacity providers.");
            }
            int weight = item.path("weight").asInt(0);
            int base = item.path("base").asInt(0);
            if (weight < 0 || weight > 1000 || base < 0 || base > 100000) {
                throw AwsDouble.refused("InvalidParameterException",
                        "capacityProviderStrategy: weight must be 0-1000 and base 0-100000.");
            }
            withBase += base > 0 ? 1 : 0;
            weighted += weight > 0 ? 1 : 0;
        }
        if (withBase > 1) {
            throw AwsDouble.refused("InvalidParameterException",
                    "Only one capacity provider in a capacity provider strategy can have a base.");
        }
        if (weighted == 0) {
            throw AwsDouble.refused("InvalidParameterException",
                    "At least one capacity provider in the strategy must have a weight greater than zero.");
        }
    }

}
