package io.paddock.provisioning;

import io.smallrye.mutiny.Uni;

/**
 * Target tracking scaling policies on an environment's Application Auto Scaling target (the ECS service's
 * desired count). One method per provider operation. Each returned {@link Uni} completes on any thread and
 * fails with {@link ProviderException}.
 */
public interface ScalingPort {

    /**
     * Application Auto Scaling PutScalingPolicy (TargetTrackingScaling). Putting a policy of the same name on the
     * same target again replaces its configuration and keeps its ARN. Fails when no scalable target is registered
     * for the resource.
     */
    Uni<ScalingPolicy> putScalingPolicy(PutScalingPolicy request);

    /** Application Auto Scaling DeleteScalingPolicy; "not found" when there is none of that name. */
    Uni<Void> deleteScalingPolicy(String resourceId, String policyName);

    /**
     * {@code resourceId} is the scalable target's {@code service/<cluster>/<service name>};
     * {@code resourceLabel} names the target group for ALBRequestCountPerTarget and is null for the other metrics.
     */
    record PutScalingPolicy(String resourceId, String policyName, String predefinedMetricType, String resourceLabel,
            double targetValue, int scaleInCooldownSeconds, int scaleOutCooldownSeconds) {
    }

    record ScalingPolicy(String policyArn, String policyName) {
    }
}
