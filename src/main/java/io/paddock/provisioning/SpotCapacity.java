package io.paddock.provisioning;

import java.util.List;

import io.paddock.provisioning.ContainerPort.CapacityShare;

/**
 * A workload's {@code spotConfiguration.strategy} as an ECS capacity provider strategy over Fargate's two capacity
 * providers. {@code off} (or no spot configuration) is no strategy: the service runs with launch type FARGATE.
 */
public final class SpotCapacity {

    public static final String FARGATE = "FARGATE";
    public static final String FARGATE_SPOT = "FARGATE_SPOT";

    private SpotCapacity() {
    }

    /** The strategy for the workload: empty for on-demand only. */
    public static List<CapacityShare> strategy(Workload workload) {
        String strategy = workload.spotConfiguration() == null ? null : workload.spotConfiguration().strategy();
        if (strategy == null) {
            return List.of();
        }
        return switch (strategy) {
            case "spot-only" -> List.of(new CapacityShare(FARGATE_SPOT, 1, 0));
            // Weights 1:1 and 1:4 put 50 % and 80 % of the tasks on Spot.
            case "mixed-safe" -> List.of(new CapacityShare(FARGATE, 1, 0), new CapacityShare(FARGATE_SPOT, 1, 0));
            case "mixed-aggressive" -> List.of(new CapacityShare(FARGATE, 1, 0), new CapacityShare(FARGATE_SPOT, 4, 0));
            default -> List.of();
        };
    }
}
