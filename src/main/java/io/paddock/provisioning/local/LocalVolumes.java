package io.paddock.provisioning.local;

import static io.paddock.provisioning.ResourceTags.environmentOf;
import static io.paddock.provisioning.local.LocalCloud.deleted;
import static io.paddock.provisioning.local.LocalCloud.hex;
import static io.paddock.provisioning.local.LocalCloud.require;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.VolumePort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** File systems, access points and mount targets in the local cloud. */
@ApplicationScoped
@Typed(LocalVolumes.class)
public class LocalVolumes implements VolumePort {

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;

    @Override
    public Uni<FileSystem> createFileSystem(CreateFileSystem request) {
        var environment = environmentOf(request.tags());
        return cloud.call(CloudOperation.CREATE_FILE_SYSTEM, environment, null, () -> {
            String id = "fs-" + hex(17);
            String arn = cloud.arn("elasticfilesystem", "file-system/" + id);
            return inventory.insert(new LocalInventory.Resource(id, LocalResourceType.FILE_SYSTEM, environment,
                            request.creationToken(), null, new JsonObject()
                                    .put("arn", arn)
                                    .put("tags", JsonObject.mapFrom(request.tags()))))
                    .replaceWith(new FileSystem(id, arn));
        });
    }

    @Override
    public Uni<Void> deleteFileSystem(String fileSystemId) {
        CloudOperation operation = CloudOperation.DELETE_FILE_SYSTEM;
        return cloud.call(operation, null, fileSystemId, () -> inventory.children(fileSystemId,
                        LocalResourceType.MOUNT_TARGET)
                .chain(mounts -> mounts.isEmpty()
                        ? inventory.deleteChildren(fileSystemId, LocalResourceType.ACCESS_POINT)
                                .chain(() -> deleted(inventory.delete(fileSystemId, LocalResourceType.FILE_SYSTEM),
                                        operation, "FileSystemNotFound", "File system '" + fileSystemId + "' does not exist."))
                        : Uni.createFrom().failure(ProviderException.retryable(operation, "FileSystemInUse",
                                "File system '" + fileSystemId + "' has mount targets and cannot be deleted."))));
    }

    @Override
    public Uni<AccessPoint> createAccessPoint(CreateAccessPoint request) {
        CloudOperation operation = CloudOperation.CREATE_ACCESS_POINT;
        var environment = environmentOf(request.tags());
        return cloud.call(operation, environment, null, () -> require(
                        inventory.find(request.fileSystemId(), LocalResourceType.FILE_SYSTEM), operation,
                        "FileSystemNotFound", "File system '" + request.fileSystemId() + "' does not exist.")
                .chain(fs -> {
                    String id = "fsap-" + hex(17);
                    String arn = cloud.arn("elasticfilesystem", "access-point/" + id);
                    OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC);
                    return inventory.insert(new LocalInventory.Resource(id, LocalResourceType.ACCESS_POINT, environment,
                                    request.clientToken(), request.fileSystemId(), new JsonObject()
                                            .put("arn", arn)
                                            .put("rootDirectory", request.rootDirectory())
                                            .put("tags", JsonObject.mapFrom(request.tags()))))
                            .replaceWith(new AccessPoint(id, arn, request.fileSystemId(), request.rootDirectory(), created));
                }));
    }

    @Override
    public Uni<Void> deleteAccessPoint(String accessPointId) {
        return cloud.delete(CloudOperation.DELETE_ACCESS_POINT, accessPointId, LocalResourceType.ACCESS_POINT,
                "AccessPointNotFound", "Access point '" + accessPointId + "' does not exist.");
    }

    @Override
    public Uni<MountTarget> createMountTarget(CreateMountTarget request) {
        CloudOperation operation = CloudOperation.CREATE_MOUNT_TARGET;
        return cloud.call(operation, null, request.fileSystemId(), () -> require(
                        inventory.find(request.fileSystemId(), LocalResourceType.FILE_SYSTEM), operation,
                        "FileSystemNotFound", "File system '" + request.fileSystemId() + "' does not exist.")
                .call(fs -> requireGroups(operation, request))
                .chain(fs -> {
                    String id = "fsmt-" + hex(17);
                    return inventory.insert(new LocalInventory.Resource(id, LocalResourceType.MOUNT_TARGET,
                                    fs.environmentId(), request.subnetId(), request.fileSystemId(), new JsonObject()
                                            .put("subnetId", request.subnetId())
                                            .put("securityGroups", request.securityGroupIds())))
                            .replaceWith(new MountTarget(id, request.fileSystemId(), request.subnetId()));
                }));
    }

    private Uni<Void> requireGroups(CloudOperation operation, CreateMountTarget request) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (String groupId : request.securityGroupIds()) {
            all = all.chain(() -> require(inventory.find(groupId, LocalResourceType.SECURITY_GROUP), operation,
                    "SecurityGroupNotFound", "Security group '" + groupId + "' does not exist.").replaceWithVoid());
        }
        return all;
    }

    @Override
    public Uni<Void> deleteMountTarget(String mountTargetId) {
        return cloud.delete(CloudOperation.DELETE_MOUNT_TARGET, mountTargetId, LocalResourceType.MOUNT_TARGET,
                "MountTargetNotFound", "Mount target '" + mountTargetId + "' does not exist.");
    }
}
