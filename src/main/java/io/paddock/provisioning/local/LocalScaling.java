package io.paddock.provisioning.local;

import static io.paddock.provisioning.local.LocalCloud.deleted;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ScalingPort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Target tracking scaling policies in the local cloud, children of their scalable target (whose deregistration
 * removes them, as Application Auto Scaling does). Refused as Application Auto Scaling refuses them: without a
 * registered scalable target, and for request counts with a resource label naming a target group that does not
 * reach the load balancer through one of its listener's rules.
 */
@ApplicationScoped
@Typed(LocalScaling.class)
public class LocalScaling implements ScalingPort {

    static final String REQUEST_COUNT = "ALBRequestCountPerTarget";

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;

    @Override
    public Uni<ScalingPolicy> putScalingPolicy(PutScalingPolicy request) {
        CloudOperation operation = CloudOperation.PUT_SCALING_POLICY;
        String resourceId = request.resourceId();
        return cloud.call(operation, null, cloud.arn("ecs", resourceId), () -> inventory.children(resourceId,
                        LocalResourceType.SCALABLE_TARGET)
                .chain(targets -> targets.isEmpty()
                        ? Uni.createFrom().failure(ProviderException.refused(operation, "ObjectNotFoundException",
                                "No scalable target registered for service namespace: ecs, resource ID: " + resourceId
                                        + ", scalable dimension: ecs:service:DesiredCount"))
                        : requireAttachedTargetGroup(operation, request).replaceWith(targets.get(0)))
                .chain(target -> inventory.children(resourceId, LocalResourceType.SCALING_POLICY)
                        .chain(policies -> {
                            JsonObject attributes = new JsonObject()
                                    .put("predefinedMetricType", request.predefinedMetricType())
                                    .put("resourceLabel", request.resourceLabel())
                                    .put("targetValue", request.targetValue())
                                    .put("scaleInCooldown", request.scaleInCooldownSeconds())
                                    .put("scaleOutCooldown", request.scaleOutCooldownSeconds());
                            List<LocalInventory.Resource> same = policies.stream()
                                    .filter(policy -> policy.name().equals(request.policyName()))
                                    .toList();
                            if (!same.isEmpty()) {
                                String arn = same.get(0).id();
                                return inventory.updateAttributes(arn, attributes).replaceWith(arn);
                            }
                            String arn = cloud.arn("autoscaling", "scalingPolicy:" + UUID.randomUUID()
                                    + ":resource/ecs/" + resourceId + ":policyName/" + request.policyName());
                            return inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.SCALING_POLICY,
                                    target.environmentId(), request.policyName(), resourceId, attributes)).replaceWith(arn);
                        }))
                .map(arn -> new ScalingPolicy(arn, request.policyName())));
    }

    /** A resource label is {@code app/<load-balancer>/<id>/targetgroup/<name>/<id>}. */
    private Uni<Void> requireAttachedTargetGroup(CloudOperation operation, PutScalingPolicy request) {
        if (!REQUEST_COUNT.equals(request.predefinedMetricType())) {
            return Uni.createFrom().voidItem();
        }
        String label = request.resourceLabel();
        int split = label == null ? -1 : label.indexOf("/targetgroup/");
        if (split < 0) {
            return Uni.createFrom().failure(ProviderException.refused(operation, "ValidationException",
                    "ResourceLabel is required for " + REQUEST_COUNT));
        }
        String loadBalancer = label.substring(0, split);
        String targetGroupArn = cloud.arn("elasticloadbalancing", label.substring(split + 1));
        return inventory.children(targetGroupArn, LocalResourceType.LISTENER_RULE)
                .chain(rules -> rules.stream().anyMatch(rule -> rule.attributes().getString("listenerArn", "")
                        .contains(":listener/" + loadBalancer + "/"))
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(ProviderException.refused(operation, "ValidationException",
                                "The target group in ResourceLabel " + label
                                        + " is not attached to the load balancer")));
    }

    @Override
    public Uni<Void> deleteScalingPolicy(String resourceId, String policyName) {
        CloudOperation operation = CloudOperation.DELETE_SCALING_POLICY;
        return cloud.call(operation, null, cloud.arn("ecs", resourceId), () -> inventory.children(resourceId,
                        LocalResourceType.SCALING_POLICY)
                .chain(policies -> {
                    String arn = policies.stream().filter(policy -> policy.name().equals(policyName))
                            .map(LocalInventory.Resource::id).findFirst().orElse("");
                    return deleted(inventory.delete(arn, LocalResourceType.SCALING_POLICY), operation,
                            "ObjectNotFoundException", "No scaling policy found for service namespace: ecs, resource ID: "
                                    + resourceId + ", scalable dimension: ecs:service:DesiredCount, policy name: "
                                    + policyName);
                }));
    }
}
