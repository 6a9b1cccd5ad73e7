package io.paddock.provisioning;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * The storage an environment's volumes live on (EFS): one file system per environment, one access point per
 * volume, one mount target per subnet. One method per provider operation. Each returned {@link Uni}
 * completes when the resource is available to what depends on it (an adapter waits for EFS's
 * {@code available} state), on any thread, and fails with {@link ProviderException}.
 */
public interface VolumePort {

    /** EFS CreateFileSystem; the creation token makes a repeated call return the same file system. */
    Uni<FileSystem> createFileSystem(CreateFileSystem request);

    /** EFS DeleteFileSystem; its mount targets are deleted first. */
    Uni<Void> deleteFileSystem(String fileSystemId);

    /** EFS CreateAccessPoint: the volume's root directory on the file system. */
    Uni<AccessPoint> createAccessPoint(CreateAccessPoint request);

    /** EFS DeleteAccessPoint. */
    Uni<Void> deleteAccessPoint(String accessPointId);

    /** EFS CreateMountTarget in one subnet, guarded by the environment's security group. */
    Uni<MountTarget> createMountTarget(CreateMountTarget request);

    /** EFS DeleteMountTarget. */
    Uni<Void> deleteMountTarget(String mountTargetId);

    record CreateFileSystem(String creationToken, Map<String, String> tags) {
    }

    record FileSystem(String fileSystemId, String fileSystemArn) {
    }

    record CreateAccessPoint(String clientToken, String fileSystemId, String rootDirectory, Map<String, String> tags) {
    }

    record AccessPoint(String accessPointId, String accessPointArn, String fileSystemId, String rootDirectory,
            OffsetDateTime createdAt) {
    }

    record CreateMountTarget(String fileSystemId, String subnetId, List<String> securityGroupIds) {
    }

    record MountTarget(String mountTargetId, String fileSystemId, String subnetId) {
    }
}
