package io.paddock.provisioning.local;

import static io.paddock.provisioning.ResourceTags.environmentOf;
import static io.paddock.provisioning.local.LocalCloud.deleted;
import static io.paddock.provisioning.local.LocalCloud.hex;
import static io.paddock.provisioning.local.LocalCloud.require;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** Security groups, target groups and listener rules in the local cloud. */
@ApplicationScoped
@Typed(LocalNetwork.class)
public class LocalNetwork implements NetworkPort {

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;

    @Override
    public Uni<SecurityGroup> createSecurityGroup(CreateSecurityGroup request) {
        var environment = environmentOf(request.tags());
        return cloud.call(CloudOperation.CREATE_SECURITY_GROUP, environment, null, () -> {
            String id = "sg-" + hex(17);
            return inventory.insert(new LocalInventory.Resource(id, LocalResourceType.SECURITY_GROUP, environment,
                            request.groupName(), request.vpcId(), new JsonObject()
                                    .put("description", request.description())
                                    .put("tags", JsonObject.mapFrom(request.tags()))))
                    .replaceWith(new SecurityGroup(id, request.groupName()));
        });
    }

    @Override
    public Uni<IngressRule> authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngress request) {
        CloudOperation operation = CloudOperation.AUTHORIZE_SECURITY_GROUP_INGRESS;
        var environment = environmentOf(request.tags());
        return cloud.call(operation, environment, null, () -> require(
                        inventory.find(request.groupId(), LocalResourceType.SECURITY_GROUP), operation,
                        "InvalidGroup.NotFound", "The security group '" + request.groupId() + "' does not exist")
                .chain(group -> {
                    String id = "sgr-" + hex(17);
                    return inventory.insert(new LocalInventory.Resource(id, LocalResourceType.SECURITY_GROUP_RULE,
                                    environment, "tcp/" + request.port(), request.groupId(), new JsonObject()
                                            .put("port", request.port())
                                            .put("source", request.sourceSecurityGroupId())
                                            .put("description", request.description())))
                            .replaceWith(new IngressRule(id, request.groupId(), request.port()));
                }));
    }

    @Override
    public Uni<Void> revokeSecurityGroupIngress(String groupId, String securityGroupRuleId) {
        return cloud.delete(CloudOperation.REVOKE_SECURITY_GROUP_INGRESS, securityGroupRuleId,
                LocalResourceType.SECURITY_GROUP_RULE, "InvalidSecurityGroupRuleId.NotFound",
                "The security group rule '" + securityGroupRuleId + "' does not exist");
    }

    @Override
    public Uni<Void> deleteSecurityGroup(String groupId) {
        CloudOperation operation = CloudOperation.DELETE_SECURITY_GROUP;
        // Deleting a group deletes its rules, as EC2 does.
        return cloud.call(operation, null, groupId, () -> inventory.deleteChildren(groupId,
                        LocalResourceType.SECURITY_GROUP_RULE)
                .chain(() -> deleted(inventory.delete(groupId, LocalResourceType.SECURITY_GROUP), operation,
                        "InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist")));
    }

    @Override
    public Uni<TargetGroup> createTargetGroup(CreateTargetGroup request) {
        var environment = environmentOf(request.tags());
        return cloud.call(CloudOperation.CREATE_TARGET_GROUP, environment, null, () -> {
            String arn = cloud.arn("elasticloadbalancing", "targetgroup/" + request.name() + "/" + hex(16));
            return inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.TARGET_GROUP, environment,
                            request.name(), request.vpcId(), new JsonObject()
                                    .put("port", request.port())
                                    .put("tags", JsonObject.mapFrom(request.tags()))))
                    .replaceWith(new TargetGroup(arn, request.name()));
        });
    }

    @Override
    public Uni<Void> deleteTargetGroup(String targetGroupArn) {
        CloudOperation operation = CloudOperation.DELETE_TARGET_GROUP;
        return cloud.call(operation, null, targetGroupArn, () -> inventory.children(targetGroupArn,
                        LocalResourceType.LISTENER_RULE)
                .chain(rules -> rules.isEmpty()
                        ? deleted(inventory.delete(targetGroupArn, LocalResourceType.TARGET_GROUP), operation,
                                "TargetGroupNotFound", "Target group '" + targetGroupArn + "' not found")
                        : Uni.createFrom().failure(ProviderException.retryable(operation, "ResourceInUse",
                                "Target group '" + targetGroupArn + "' is currently in use by a listener or a rule"))));
    }

    @Override
    public Uni<ListenerRule> createRule(CreateRule request) {
        CloudOperation operation = CloudOperation.CREATE_RULE;
        var environment = environmentOf(request.tags());
        return cloud.call(operation, environment, null, () -> require(
                        inventory.find(request.targetGroupArn(), LocalResourceType.TARGET_GROUP), operation,
                        "TargetGroupNotFound", "Target group '" + request.targetGroupArn() + "' not found")
                .chain(group -> inventory.highestPriority(request.listenerArn()))
                .chain(highest -> {
                    int priority = highest + 1;
                    String arn = request.listenerArn().replace(":listener/", ":listener-rule/") + "/" + hex(16);
                    return inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.LISTENER_RULE,
                                    environment, request.hostHeader(), request.targetGroupArn(), new JsonObject()
                                            .put("listenerArn", request.listenerArn())
                                            .put("priority", priority)
                                            .put("hostHeader", request.hostHeader())))
                            .replaceWith(new ListenerRule(arn, priority));
                }));
    }

    @Override
    public Uni<Void> deleteRule(String ruleArn) {
        return cloud.delete(CloudOperation.DELETE_RULE, ruleArn, LocalResourceType.LISTENER_RULE, "RuleNotFound",
                "One or more rules not found");
    }
}
