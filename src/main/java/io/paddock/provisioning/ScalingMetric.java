package io.paddock.provisioning;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics a scaling policy can track: Quant's names, Application Auto Scaling's predefined metric types, the
 * highest target value that makes sense, and the name Paddock gives a metric's policy when the caller names none.
 */
public enum ScalingMetric {
    CPU_UTILIZATION("CPUUtilization", "ECSServiceAverageCPUUtilization", 100.0),
    MEMORY_UTILIZATION("MemoryUtilization", "ECSServiceAverageMemoryUtilization", 100.0),
    /** Requests per target per minute, from the environment's target group on the shared load balancer. */
    RPS("RPS", "ALBRequestCountPerTarget", 1_000_000.0);

    private static final String POLICY_PREFIX = "paddock-";

    private final String apiName;
    private final String predefinedMetricType;
    private final double maxTargetValue;

    ScalingMetric(String apiName, String predefinedMetricType, double maxTargetValue) {
        this.apiName = apiName;
        this.predefinedMetricType = predefinedMetricType;
        this.maxTargetValue = maxTargetValue;
    }

    /** Quant's name of the metric, e.g. {@code CPUUtilization}. */
    public String apiName() {
        return apiName;
    }

    /** Application Auto Scaling's PredefinedMetricType. */
    public String predefinedMetricType() {
        return predefinedMetricType;
    }

    public double maxTargetValue() {
        return maxTargetValue;
    }

    /** The name of the environment's policy for this metric unless the caller chose one, e.g. {@code paddock-cpu-utilization}. */
    public String policyName() {
        return POLICY_PREFIX + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static Optional<ScalingMetric> byApiName(String apiName) {
        return Arrays.stream(values()).filter(metric -> metric.apiName.equals(apiName)).findFirst();
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(ScalingMetric::apiName).toList();
    }
}
