package io.paddock.provisioning.aws;

import java.util.List;

import io.paddock.provisioning.ContainerPort.CapacityShare;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * A service's capacity in ECS's terms. ECS refuses a launch type together with a capacity provider strategy, so a
 * create sends one or the other; an update sends the strategy (an empty one takes the service back to its launch type).
 */
final class AwsCapacity {

    private AwsCapacity() {
    }

    static void onCreate(CreateServiceRequest.Builder create, List<CapacityShare> strategy) {
        if (strategy == null || strategy.isEmpty()) {
            create.launchType(LaunchType.FARGATE);
        } else {
            create.capacityProviderStrategy(items(strategy));
        }
    }

    static void onUpdate(UpdateServiceRequest.Builder update, List<CapacityShare> strategy) {
        if (strategy != null) {
            update.capacityProviderStrategy(items(strategy));
        }
    }

    private static List<CapacityProviderStrategyItem> items(List<CapacityShare> strategy) {
        return strategy.stream()
                .map(share -> CapacityProviderStrategyItem.builder()
                        .capacityProvider(share.capacityProvider())
                        .weight(share.weight())
                        .base(share.base())
                        .build())
                .toList();
    }
}
