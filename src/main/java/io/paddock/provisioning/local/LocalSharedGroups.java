package io.paddock.provisioning.local;

import static io.paddock.provisioning.local.LocalCloud.deleted;
import static io.paddock.provisioning.local.LocalCloud.hex;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.NetworkPort.CreateSecurityGroup;
import io.paddock.provisioning.NetworkPort.SecurityGroup;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.SharedGroupPort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * Shared security groups in the local cloud: a security group of no environment, found by name, whose attributes
 * say whom it lets in ({@code ingress}: all traffic from itself). Its members are the services that run with it (their
 * {@code securityGroups}); while one does, it cannot be deleted, as in EC2.
 */
@ApplicationScoped
@Typed(LocalSharedGroups.class)
public class LocalSharedGroups implements SharedGroupPort {

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;

    @Override
    public Uni<SecurityGroup> createSharedGroup(CreateSecurityGroup request) {
        return cloud.call(CloudOperation.CREATE_SECURITY_GROUP, null, null, () -> inventory
                .findShared(LocalResourceType.SECURITY_GROUP, request.groupName())
                .chain(found -> {
                    if (found.isPresent()) {
                        return Uni.createFrom().item(new SecurityGroup(found.get().id(), request.groupName()));
                    }
                    String id = "sg-" + hex(17);
                    return inventory.insert(new LocalInventory.Resource(id, LocalResourceType.SECURITY_GROUP, null,
                                    request.groupName(), request.vpcId(), new JsonObject()
                                            .put("description", request.description())
                                            .put("shared", true)
                                            .put("ingress", new JsonObject().put("protocol", "-1").put("source", id))
                                            .put("tags", JsonObject.mapFrom(request.tags()))))
                            .replaceWith(new SecurityGroup(id, request.groupName()));
                }));
    }

    @Override
    public Uni<Void> deleteSharedGroup(String groupId) {
        CloudOperation operation = CloudOperation.DELETE_SECURITY_GROUP;
        return cloud.call(operation, null, groupId, () -> inventory.servicesWith(groupId)
                .chain(services -> services.isEmpty()
                        ? deleted(inventory.delete(groupId, LocalResourceType.SECURITY_GROUP), operation,
                                "InvalidGroup.NotFound", "The security group '" + groupId + "' does not exist")
                        : Uni.createFrom().failure(ProviderException.retryable(operation, "DependencyViolation",
                                "resource " + groupId + " has a dependent object"))));
    }
}
