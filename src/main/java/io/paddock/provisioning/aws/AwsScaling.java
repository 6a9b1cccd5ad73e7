package io.paddock.provisioning.aws;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ScalingPort;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingAsyncClient;
import software.amazon.awssdk.services.applicationautoscaling.model.PolicyType;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Target tracking scaling policies on the ECS service's scalable target. PutScalingPolicy is an upsert by policy
 * name in Application Auto Scaling, so a repeated call replaces the configuration and keeps the ARN.
 * ConcurrentUpdateException (another change to the same target in flight) is retried like throttling (see
 * {@link AwsErrorCodes}).
 */
@Singleton
@Typed(AwsScaling.class)
public class AwsScaling implements ScalingPort {

    @Inject ApplicationAutoScalingAsyncClient autoScaling;
    @Inject AwsCalls calls;

    @Override
    public Uni<ScalingPolicy> putScalingPolicy(PutScalingPolicy request) {
        return calls.call(CloudOperation.PUT_SCALING_POLICY, () -> autoScaling.putScalingPolicy(put -> put
                        .policyName(request.policyName())
                        .serviceNamespace(ServiceNamespace.ECS)
                        .resourceId(request.resourceId())
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                        .policyType(PolicyType.TARGET_TRACKING_SCALING)
                        .targetTrackingScalingPolicyConfiguration(tracking -> tracking
                                .targetValue(request.targetValue())
                                .scaleInCooldown(request.scaleInCooldownSeconds())
                                .scaleOutCooldown(request.scaleOutCooldownSeconds())
                                .predefinedMetricSpecification(metric -> metric
                                        .predefinedMetricType(request.predefinedMetricType())
                                        .resourceLabel(request.resourceLabel())))))
                .map(made -> new ScalingPolicy(made.policyARN(), request.policyName()));
    }

    @Override
    public Uni<Void> deleteScalingPolicy(String resourceId, String policyName) {
        return calls.call(CloudOperation.DELETE_SCALING_POLICY, () -> autoScaling.deleteScalingPolicy(
                        delete -> delete
                                .policyName(policyName)
                                .serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(resourceId)
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)))
                .replaceWithVoid();
    }
}
