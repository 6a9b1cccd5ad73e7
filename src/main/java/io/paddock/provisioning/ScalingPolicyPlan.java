package io.paddock.provisioning;

/** A target tracking policy an environment should have: the metric, its target value and the cooldowns. */
public record ScalingPolicyPlan(ScalingMetric metric, double targetValue, int scaleInCooldownSeconds,
        int scaleOutCooldownSeconds) {
}
