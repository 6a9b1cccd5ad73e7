package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.VolumePort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.efs.EfsAsyncClient;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.DescribeAccessPointsResponse;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.LifeCycleState;
import software.amazon.awssdk.services.efs.model.MountTargetDescription;
import software.amazon.awssdk.services.efs.model.PerformanceMode;
import software.amazon.awssdk.services.efs.model.Tag;
import software.amazon.awssdk.services.efs.model.ThroughputMode;

/**
 * EFS: one encrypted file system per environment (its creation token makes a repeated create return it), one
 * access point per volume (found again by its client token), one mount target per subnet (found again by
 * subnet). File systems and mount targets are handed back once {@code available}, when they can be used.
 */
@Singleton
@Typed(AwsVolumes.class)
public class AwsVolumes implements VolumePort {

    private final EfsAsyncClient efs;
    private final AwsCalls calls;
    private final long uid;
    private final long gid;
    private final Duration availableTimeout;
    private final Duration dependencyBudget;

    AwsVolumes(EfsAsyncClient efs, AwsCalls calls, AwsSettings settings) {
        this.dependencyBudget = settings.dependencyBudget();
        this.efs = efs;
        this.calls = calls;
        this.uid = settings.efsPosixUid();
        this.gid = settings.efsPosixGid();
        this.availableTimeout = settings.availabilityBudget();
    }

    @Override
    public Uni<FileSystem> createFileSystem(CreateFileSystem request) {
        CloudOperation operation = CloudOperation.CREATE_FILE_SYSTEM;
        return findFileSystem(operation, request.creationToken())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get().fileSystemId())
                        : calls.call(operation, () -> efs.createFileSystem(create -> create
                                        .creationToken(request.creationToken())
                                        .encrypted(true)
                                        .performanceMode(PerformanceMode.GENERAL_PURPOSE)
                                        .throughputMode(ThroughputMode.ELASTIC)
                                        .tags(tags(request.tags(), request.creationToken()))))
                                .map(made -> made.fileSystemId())
                                .onFailure(code("FileSystemAlreadyExists")).recoverWithUni(() -> findFileSystem(
                                        operation, request.creationToken()).map(fs -> fs.orElseThrow().fileSystemId())))
                .chain(fileSystemId -> calls.until(operation, availableTimeout,
                        () -> calls.call(operation, () -> efs.describeFileSystems(d -> d.fileSystemId(fileSystemId)))
                                .map(answer -> answer.fileSystems().get(0)),
                        fs -> fs.lifeCycleState() == LifeCycleState.AVAILABLE, "file system " + fileSystemId))
                .map(fs -> new FileSystem(fs.fileSystemId(), fs.fileSystemArn()));
    }

    private Uni<Optional<FileSystemDescription>> findFileSystem(CloudOperation operation, String token) {
        return calls.call(operation, () -> efs.describeFileSystems(describe -> describe.creationToken(token)))
                .map(answer -> answer.fileSystems().stream()
                        .filter(fs -> fs.lifeCycleState() != LifeCycleState.DELETING
                                && fs.lifeCycleState() != LifeCycleState.DELETED)
                        .findFirst());
    }

    /**
     * Deletes its mount targets first and waits until they are gone (EFS refuses to delete a file system that has any,
     * and a mount target is {@code deleting} for a while), for up to paddock.aws.dependency-budget.
     */
    @Override
    public Uni<Void> deleteFileSystem(String fileSystemId) {
        CloudOperation operation = CloudOperation.DELETE_FILE_SYSTEM;
        return mountTargets(operation, fileSystemId)
                .chain(mounts -> Multi.createFrom().iterable(mounts)
                        .filter(mount -> mount.lifeCycleState() != LifeCycleState.DELETING
                                && mount.lifeCycleState() != LifeCycleState.DELETED)
                        .onItem().transformToUniAndConcatenate(mount -> calls.call(operation, () -> efs.deleteMountTarget(
                                        delete -> delete.mountTargetId(mount.mountTargetId())))
                                .replaceWithVoid()
                                .onFailure(ProviderException.NotFound.class)
                                .recoverWithNull())
                        .collect().last())
                .chain(() -> calls.until(operation, dependencyBudget, () -> mountTargets(operation, fileSystemId),
                        List::isEmpty, "the mount targets of " + fileSystemId + " being deleted",
                        "paddock.aws.dependency-budget"))
                .chain(() -> calls.call(operation, dependencyBudget,
                        () -> efs.deleteFileSystem(delete -> delete.fileSystemId(fileSystemId))))
                .replaceWithVoid();
    }

    @Override
    public Uni<AccessPoint> createAccessPoint(CreateAccessPoint request) {
        CloudOperation operation = CloudOperation.CREATE_ACCESS_POINT;
        return findAccessPoint(operation, request)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : calls.call(operation,
                                () -> efs.createAccessPoint(create -> create
                                        .clientToken(request.clientToken())
                                        .fileSystemId(request.fileSystemId())
                                        .posixUser(user -> user.uid(uid).gid(gid))
                                        .rootDirectory(root -> root
                                                .path(request.rootDirectory())
                                                .creationInfo(info -> info.ownerUid(uid).ownerGid(gid)
                                                        .permissions("0755")))
                                        .tags(tags(request.tags(), null))))
                                .map(made -> new AccessPoint(made.accessPointId(), made.accessPointArn(),
                                        made.fileSystemId(), made.rootDirectory().path(),
                                        OffsetDateTime.now(ZoneOffset.UTC))));
    }

    private Uni<Optional<AccessPoint>> findAccessPoint(CloudOperation operation, CreateAccessPoint request) {
        return accessPoints(operation, request.fileSystemId())
                .map(points -> points.stream()
                        .filter(point -> request.clientToken().equals(point.clientToken()))
                        .filter(point -> point.lifeCycleState() != LifeCycleState.DELETING
                                && point.lifeCycleState() != LifeCycleState.DELETED)
                        .findFirst()
                        .map(point -> new AccessPoint(point.accessPointId(), point.accessPointArn(),
                                point.fileSystemId(), point.rootDirectory() == null ? null : point.rootDirectory().path(),
                                OffsetDateTime.now(ZoneOffset.UTC))));
    }

    private Uni<List<AccessPointDescription>> accessPoints(CloudOperation operation, String fileSystemId) {
        return calls.pages(operation, token -> efs.describeAccessPoints(describe -> describe.fileSystemId(fileSystemId)
                .nextToken(token)), DescribeAccessPointsResponse::accessPoints, DescribeAccessPointsResponse::nextToken);
    }

    @Override
    public Uni<Void> deleteAccessPoint(String accessPointId) {
        return calls.call(CloudOperation.DELETE_ACCESS_POINT,
                        () -> efs.deleteAccessPoint(delete -> delete.accessPointId(accessPointId)))
                .replaceWithVoid();
    }

    @Override
    public Uni<MountTarget> createMountTarget(CreateMountTarget request) {
        CloudOperation operation = CloudOperation.CREATE_MOUNT_TARGET;
        return mountTargets(operation, request.fileSystemId())
                .map(mounts -> mounts.stream()
                        .filter(mount -> request.subnetId().equals(mount.subnetId()))
                        .filter(mount -> mount.lifeCycleState() != LifeCycleState.DELETING
                                && mount.lifeCycleState() != LifeCycleState.DELETED)
                        .findFirst())
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get().mountTargetId())
                        : calls.call(operation,
                                        () -> efs.createMountTarget(create -> create
                                                .fileSystemId(request.fileSystemId())
                                                .subnetId(request.subnetId())
                                                .securityGroups(request.securityGroupIds())))
                                .map(made -> made.mountTargetId()))
                .chain(mountTargetId -> calls.until(operation, availableTimeout,
                        () -> calls.call(operation, () -> efs.describeMountTargets(d -> d.mountTargetId(mountTargetId)))
                                .map(answer -> answer.mountTargets().get(0)),
                        mount -> mount.lifeCycleState() == LifeCycleState.AVAILABLE, "mount target " + mountTargetId))
                .map(mount -> new MountTarget(mount.mountTargetId(), mount.fileSystemId(), mount.subnetId()));
    }

    private Uni<List<MountTargetDescription>> mountTargets(CloudOperation operation, String fileSystemId) {
        return calls.call(operation, () -> efs.describeMountTargets(describe -> describe.fileSystemId(fileSystemId)))
                .map(answer -> answer.mountTargets());
    }

    /** Deletes it and waits until it is gone: until then its network interface holds its security group. */
    @Override
    public Uni<Void> deleteMountTarget(String mountTargetId) {
        CloudOperation operation = CloudOperation.DELETE_MOUNT_TARGET;
        return calls.call(operation, () -> efs.deleteMountTarget(delete -> delete.mountTargetId(mountTargetId)))
                .replaceWithVoid()
                .chain(() -> calls.until(operation, dependencyBudget,
                        () -> calls.call(operation, () -> efs.describeMountTargets(d -> d.mountTargetId(mountTargetId)))
                                .map(answer -> answer.mountTargets().isEmpty())
                                .onFailure(code("MountTargetNotFound")).recoverWithItem(true),
                        gone -> gone, "mount target " + mountTargetId + " being deleted", "paddock.aws.dependency-budget"))
                .replaceWithVoid();
    }

    private static List<Tag> tags(Map<String, String> tags, String name) {
        List<Tag> all = new ArrayList<>(AwsTags.of(tags, (key, value) -> Tag.builder().key(key).value(value).build()));
        if (name != null) {
            all.add(Tag.builder().key("Name").value(name).build());
        }
        return all;
    }
}
