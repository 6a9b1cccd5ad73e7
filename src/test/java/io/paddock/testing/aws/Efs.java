package io.paddock.testing.aws;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * EFS's REST-JSON protocol under {@code /2015-02-01/}. File systems and mount targets are {@code creating} when made
 * and {@code available} only once {@link AwsDouble.Timing#efsCreating()} has passed, so callers must wait for them; a
 * deleted mount target is {@code deleting} for {@link AwsDouble.Timing#mountTargetDeleting()}, and until it is gone its
 * file system cannot be deleted and its security groups are in use.
 */
final class Efs {

    record Reply(int status, JsonNode body) {
    }

    /** EFS's 409 answers name the resource that already exists. */
    static final class Conflict extends AwsDouble.AwsError {
        final String idField;
        final String id;

        Conflict(String code, String message, String idField, String id) {
            super(409, code, message);
            this.idField = idField;
            this.id = id;
        }
    }

    private final AwsDouble aws;

    Efs(AwsDouble aws) {
        this.aws = aws;
    }

    static String operation(String method, String path) {
        String[] parts = path.substring("/2015-02-01/".length()).split("/");
        String collection = parts[0];
        boolean one = parts.length > 1;
        return switch (method + " " + collection) {
            case "POST file-systems" -> "CreateFileSystem";
            case "GET file-systems" -> "DescribeFileSystems";
            case "DELETE file-systems" -> "DeleteFileSystem";
            case "POST access-points" -> "CreateAccessPoint";
            case "GET access-points" -> "DescribeAccessPoints";
            case "DELETE access-points" -> "DeleteAccessPoint";
            case "POST mount-targets" -> "CreateMountTarget";
            case "GET mount-targets" -> "DescribeMountTargets";
            case "DELETE mount-targets" -> "DeleteMountTarget";
            default -> method + " " + path + (one ? "" : "");
        };
    }

    Reply handle(String operation, String method, String path, JsonNode body, Map<String, String> query) {
        String id = path.substring(path.lastIndexOf('/') + 1);
        return switch (operation) {
            case "CreateFileSystem" -> createFileSystem(body);
            case "DescribeFileSystems" -> describeFileSystems(query);
            case "DeleteFileSystem" -> deleteFileSystem(id);
            case "CreateAccessPoint" -> createAccessPoint(body);
            case "DescribeAccessPoints" -> describeAccessPoints(query);
            case "DeleteAccessPoint" -> deleteAccessPoint(id);
            case "CreateMountTarget" -> createMountTarget(body);
            case "DescribeMountTargets" -> describeMountTargets(query);
            case "DeleteMountTarget" -> deleteMountTarget(id);
            default -> throw new AwsDouble.AwsError(404, "UnknownOperationException", operation);
        };
    }

    private Reply createFileSystem(JsonNode body) {
        String token = body.path("CreationToken").asText();
        List<Resource> existing = aws.all("file-system", fs -> fs.name().equals(token));
        if (!existing.isEmpty()) {
            throw new Conflict("FileSystemAlreadyExists", "File system '" + existing.get(0).id() + "' already exists"
                    + " with creation token '" + token + "'", "FileSystemId", existing.get(0).id());
        }
        String id = "fs-" + AwsDouble.hex(17);
        ObjectNode state = AwsDouble.state().put("lifeCycleState", "creating");
        state.set("request", body);
        Resource fs = aws.put("file-system", id, token, AwsDouble.tags(body.path("Tags"), "Key", "Value"), state);
        AwsDouble.later(fs, "lifeCycleState", "available", aws.timing().efsCreating());
        return new Reply(201, fileSystem(fs));
    }

    private static ObjectNode fileSystem(Resource fs) {
        ObjectNode node = AwsDouble.object()
                .put("OwnerId", AwsDouble.ACCOUNT)
                .put("CreationToken", fs.name())
                .put("FileSystemId", fs.id())
                .put("FileSystemArn", AwsDouble.arn("elasticfilesystem", "file-system/" + fs.id()))
                .put("CreationTime", 1_700_000_000L)
                .put("LifeCycleState", fs.state().path("lifeCycleState").asText())
                .put("NumberOfMountTargets", 0)
                .put("PerformanceMode", fs.state().path("request").path("PerformanceMode").asText("generalPurpose"))
                .put("Encrypted", fs.state().path("request").path("Encrypted").asBoolean())
                .put("ThroughputMode", fs.state().path("request").path("ThroughputMode").asText("bursting"));
        node.set("SizeInBytes", AwsDouble.object().put("Value", 0));
        node.set("Tags", tags(fs.tags()));
        return node;
    }

    private Reply describeFileSystems(Map<String, String> query) {
        String token = query.get("CreationToken");
        String id = query.get("FileSystemId");
        List<Resource> found = aws.all("file-system", fs -> (token == null || fs.name().equals(token))
                && (id == null || fs.id().equals(id)));
        if (id != null && found.isEmpty()) {
            throw new AwsDouble.AwsError(404, "FileSystemNotFound", "File system '" + id + "' does not exist.");
        }
        ArrayNode list = AwsDouble.array();
        for (Resource fs : found) {
            list.add(fileSystem(fs));
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("FileSystems", list);
        return new Reply(200, answer);
    }

    private Reply deleteFileSystem(String id) {
        requireFileSystem(id);
        if (!aws.all("mount-target", m -> m.state().path("fileSystemId").asText().equals(id)).isEmpty()) {
            throw new AwsDouble.AwsError(409, "FileSystemInUse", "File system '" + id + "' has mount targets.");
        }
        aws.all("access-point", a -> a.state().path("fileSystemId").asText().equals(id)).forEach(a -> aws.remove(a.id()));
        aws.remove(id);
        return new Reply(204, null);
    }

    private void requireFileSystem(String id) {
        if (aws.find(id).filter(r -> r.type().equals("file-system")).isEmpty()) {
            throw new AwsDouble.AwsError(404, "FileSystemNotFound", "File system '" + id + "' does not exist.");
        }
    }

    /** EFS refuses access points and mount targets on a file system that is not available yet. */
    private void requireAvailable(String fileSystemId) {
        requireFileSystem(fileSystemId);
        String state = aws.find(fileSystemId).orElseThrow().state().path("lifeCycleState").asText();
        if (!state.equals("available")) {
            throw new AwsDouble.AwsError(409, "IncorrectFileSystemLifeCycleState", "File system '" + fileSystemId
                    + "' is " + state + ".");
        }
    }

    private Reply createAccessPoint(JsonNode body) {
        String fileSystemId = body.path("FileSystemId").asText();
        requireAvailable(fileSystemId);
        String token = body.path("ClientToken").asText();
        List<Resource> same = aws.all("access-point", a -> a.state().path("request").path("ClientToken").asText()
                .equals(token));
        if (!same.isEmpty()) {
            return new Reply(200, accessPoint(same.get(0)));
        }
        String id = "fsap-" + AwsDouble.hex(17);
        ObjectNode state = AwsDouble.state().put("fileSystemId", fileSystemId);
        state.set("request", body);
        Resource point = aws.put("access-point", id, token, AwsDouble.tags(body.path("Tags"), "Key", "Value"), state);
        return new Reply(200, accessPoint(point));
    }

    private static ObjectNode accessPoint(Resource point) {
        JsonNode request = point.state().path("request");
        ObjectNode node = AwsDouble.object()
                .put("ClientToken", request.path("ClientToken").asText())
                .put("AccessPointId", point.id())
                .put("AccessPointArn", AwsDouble.arn("elasticfilesystem", "access-point/" + point.id()))
                .put("FileSystemId", point.state().path("fileSystemId").asText())
                .put("OwnerId", AwsDouble.ACCOUNT)
                .put("LifeCycleState", "available");
        node.set("PosixUser", request.path("PosixUser"));
        node.set("RootDirectory", request.path("RootDirectory"));
        node.set("Tags", tags(point.tags()));
        return node;
    }

    private Reply describeAccessPoints(Map<String, String> query) {
        String fileSystemId = query.get("FileSystemId");
        ArrayNode list = AwsDouble.array();
        aws.all("access-point", a -> fileSystemId == null || a.state().path("fileSystemId").asText().equals(fileSystemId))
                .forEach(a -> list.add(accessPoint(a)));
        ObjectNode answer = AwsDouble.object();
        answer.set("AccessPoints", list);
        return new Reply(200, answer);
    }

    private Reply deleteAccessPoint(String id) {
        if (aws.find(id).filter(r -> r.type().equals("access-point")).isEmpty()) {
            throw new AwsDouble.AwsError(404, "AccessPointNotFound", "Access point '" + id + "' does not exist.");
        }
        aws.remove(id);
        return new Reply(204, null);
    }

    private Reply createMountTarget(JsonNode body) {
        String fileSystemId = body.path("FileSystemId").asText();
        requireAvailable(fileSystemId);
        String subnet = body.path("SubnetId").asText();
        if (!aws.all("mount-target", m -> m.state().path("fileSystemId").asText().equals(fileSystemId)
                && m.state().path("subnetId").asText().equals(subnet)).isEmpty()) {
            throw new Conflict("MountTargetConflict", "mount target already exists in this AZ", "MountTargetId", "");
        }
        for (String group : AwsDouble.texts(body.path("SecurityGroups"))) {
            if (aws.find(group).isEmpty()) {
                throw new AwsDouble.AwsError(400, "SecurityGroupNotFound", "Security group '" + group + "' not found");
            }
        }
        String id = "fsmt-" + AwsDouble.hex(17);
        ObjectNode state = AwsDouble.state().put("fileSystemId", fileSystemId).put("subnetId", subnet)
                .put("lifeCycleState", "creating");
        state.set("securityGroups", body.path("SecurityGroups"));
        String environment = aws.find(fileSystemId).map(fs -> fs.tags().get("paddock:environment-id")).orElse(null);
        // Mount targets take no tags; the double files them under their file system's environment.
        Map<String, String> tags = environment == null ? Map.of() : Map.of("paddock:environment-id", environment);
        Resource mount = aws.put("mount-target", id, subnet, tags, state);
        AwsDouble.later(mount, "lifeCycleState", "available", aws.timing().efsCreating());
        return new Reply(200, mountTarget(mount));
    }

    private static ObjectNode mountTarget(Resource mount) {
        return AwsDouble.object()
                .put("OwnerId", AwsDouble.ACCOUNT)
                .put("MountTargetId", mount.id())
                .put("FileSystemId", mount.state().path("fileSystemId").asText())
                .put("SubnetId", mount.state().path("subnetId").asText())
                .put("LifeCycleState", mount.state().path("lifeCycleState").asText())
                .put("IpAddress", "10.0.0.10")
                .put("NetworkInterfaceId", "eni-" + mount.id().substring(5))
                .put("AvailabilityZoneName", AwsDouble.REGION + "a");
    }

    private Reply describeMountTargets(Map<String, String> query) {
        String fileSystemId = query.get("FileSystemId");
        String id = query.get("MountTargetId");
        if (fileSystemId != null) {
            requireFileSystem(fileSystemId);
        }
        List<Resource> found = aws.all("mount-target", m -> (fileSystemId == null
                || m.state().path("fileSystemId").asText().equals(fileSystemId)) && (id == null || m.id().equals(id)));
        if (id != null && found.isEmpty()) {
            throw new AwsDouble.AwsError(404, "MountTargetNotFound", "Mount target '" + id + "' does not exist.");
        }
        ArrayNode list = AwsDouble.array();
        for (Resource mount : found) {
            list.add(mountTarget(mount));
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("MountTargets", list);
        return new Reply(200, answer);
    }

    private Reply deleteMountTarget(String id) {
        Resource mount = aws.find(id).filter(r -> r.type().equals("mount-target")).orElse(null);
        if (mount == null) {
            throw new AwsDouble.AwsError(404, "MountTargetNotFound", "Mount target '" + id + "' does not exist.");
        }
        if (!mount.state().path("lifeCycleState").asText().equals("deleting")) {
            mount.state().put("lifeCycleState", "deleting");
            AwsDouble.later(mount, "lifeCycleState", "gone", aws.timing().mountTargetDeleting());
        }
        return new Reply(204, null);
    }

    private static ArrayNode tags(Map<String, String> tags) {
        ArrayNode list = AwsDouble.array();
        tags.forEach((key, value) -> list.add(AwsDouble.object().put("Key", key).put("Value", value)));
        return list;
    }
}
