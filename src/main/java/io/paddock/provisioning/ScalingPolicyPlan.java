package io.paddock.provisioning;

/**
 * A target tracking policy an environment should have: its name, the metric, its target value and the cooldowns.
 * The name is the metric's own ({@link ScalingMetric#policyName()}) unless the caller chose one.
 */
public record ScalingPolicyPlan(String policyName, ScalingMetric metric, double targetValue, int scaleInCooldownSeconds,
        int scaleOutCooldownSeconds) {
}
