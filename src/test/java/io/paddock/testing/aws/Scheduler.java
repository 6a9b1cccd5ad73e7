package io.paddock.testing.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * EventBridge Scheduler's REST-JSON protocol: {@code POST /schedules/{Name}} CreateSchedule, {@code GET} GetSchedule
 * and {@code DELETE} DeleteSchedule (group in the {@code groupName} query parameter), {@code PUT} UpdateSchedule;
 * errors with the {@code x-amzn-ErrorType} header (ResourceNotFoundException 404, ConflictException 409,
 * ValidationException 400). Schedules take no tags. {@link #fire} does what the real service does when a schedule
 * fires an ECS target: RunTask with the target's parameters, its tags and its input as the overrides.
 */
final class Scheduler {

    static final String DEFAULT_GROUP = "default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsDouble aws;

    Scheduler(AwsDouble aws) {
        this.aws = aws;
    }

    static String operation(String method) {
        return switch (method) {
            case "POST" -> "CreateSchedule";
            case "GET" -> "GetSchedule";
            case "PUT" -> "UpdateSchedule";
            case "DELETE" -> "DeleteSchedule";
            default -> method + " schedule";
        };
    }

    static String arn(String group, String name) {
        return AwsDouble.arn("scheduler", "schedule/" + group + "/" + name);
    }

    Efs.Reply handle(String operation, String name, JsonNode body, Map<String, String> query) {
        return switch (operation) {
            case "CreateSchedule" -> create(name, body);
            case "GetSchedule" -> get(name, query.getOrDefault("groupName", DEFAULT_GROUP));
            case "UpdateSchedule" -> update(name, body);
            case "DeleteSchedule" -> delete(name, query.getOrDefault("groupName", DEFAULT_GROUP));
            default -> throw new AwsDouble.AwsError(404, "UnknownOperationException", operation);
        };
    }

    private static String group(JsonNode body) {
        return body.path("GroupName").asText(DEFAULT_GROUP);
    }

    private static void validate(JsonNode body) {
        if (body.path("ScheduleExpression").asText().isEmpty() || body.path("FlexibleTimeWindow").path("Mode").isMissingNode()
                || body.path("Target").path("Arn").asText().isEmpty() || body.path("Target").path("RoleArn").asText().isEmpty()) {
            throw new AwsDouble.AwsError(400, "ValidationException",
                    "ScheduleExpression, FlexibleTimeWindow and Target (Arn, RoleArn) are required.");
        }
        if (!DEFAULT_GROUP.equals(group(body))) {
            throw new AwsDouble.AwsError(404, "ResourceNotFoundException", "Schedule group " + group(body)
                    + " does not exist.");
        }
    }

    private Efs.Reply create(String name, JsonNode body) {
        validate(body);
        String arn = arn(group(body), name);
        if (aws.find(arn).isPresent()) {
            throw new AwsDouble.AwsError(409, "ConflictException", "Schedule " + name + " already exists.");
        }
        ObjectNode state = AwsDouble.state();
        state.set("request", body);
        aws.put("schedule", arn, name, Map.of(), state);
        return new Efs.Reply(200, AwsDouble.object().put("ScheduleArn", arn));
    }

    private Resource schedule(String group, String name) {
        return aws.find(arn(group, name)).filter(r -> r.type().equals("schedule"))
                .orElseThrow(() -> new AwsDouble.AwsError(404, "ResourceNotFoundException", "Schedule " + name
                        + " does not exist."));
    }

    private Efs.Reply get(String name, String group) {
        Resource schedule = schedule(group, name);
        JsonNode request = schedule.state().path("request");
        ObjectNode answer = AwsDouble.object().put("Arn", schedule.id()).put("Name", name).put("GroupName", group)
                .put("ScheduleExpression", request.path("ScheduleExpression").asText())
                .put("State", request.path("State").asText("ENABLED"));
        answer.set("Target", request.path("Target"));
        answer.set("FlexibleTimeWindow", request.path("FlexibleTimeWindow"));
        if (request.has("Description")) {
            answer.set("Description", request.path("Description"));
        }
        return new Efs.Reply(200, answer);
    }

    private Efs.Reply update(String name, JsonNode body) {
        validate(body);
        Resource schedule = schedule(group(body), name);
        schedule.state().set("request", body);
        return new Efs.Reply(200, AwsDouble.object().put("ScheduleArn", schedule.id()));
    }

    private Efs.Reply delete(String name, String group) {
        Resource schedule = schedule(group, name);
        aws.remove(schedule.id());
        return new Efs.Reply(200, AwsDouble.object());
    }

    /** The schedule fires: one ECS task as RunTask would start it from the target. Answers the task's ARN. */
    String fire(String name) {
        Resource schedule = schedule(DEFAULT_GROUP, name);
        JsonNode request = schedule.state().path("request");
        if (!"ENABLED".equals(request.path("State").asText("ENABLED"))) {
            throw new IllegalStateException("schedule " + name + " is disabled and does not fire");
        }
        JsonNode target = request.path("Target");
        JsonNode ecs = target.path("EcsParameters");
        String cluster = target.path("Arn").asText();
        String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
        String taskDefinitionArn = ecs.path("TaskDefinitionArn").asText();
        Resource definition = aws.find(taskDefinitionArn)
                .orElseThrow(() -> new IllegalStateException("RunTask would fail: no task definition " + taskDefinitionArn));
        Map<String, String> tags = new LinkedHashMap<>();
        for (JsonNode tag : ecs.path("Tags")) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        JsonNode overrides;
        try {
            overrides = JSON.readTree(target.path("Input").asText("{}"));
        } catch (Exception e) {
            throw new IllegalStateException("RunTask would fail: the target's input is not JSON", e);
        }
        String arn = AwsDouble.arn("ecs", "task/" + clusterName + "/" + AwsDouble.hex(32));
        long now = System.currentTimeMillis();
        ObjectNode state = AwsDouble.state().put("cluster", cluster).put("family", definition.state().path("family").asText())
                .put("taskDefinitionArn", taskDefinitionArn).put("lastStatus", "RUNNING").put("desiredStatus", "RUNNING")
                .put("createdAt", now / 1000.0).put("startedAt", now / 1000.0)
                .put("launchType", ecs.path("LaunchType").asText());
        state.set("overrides", overrides);
        state.set("networkConfiguration", ecs.path("NetworkConfiguration"));
        ArrayNode containers = AwsDouble.array();
        for (JsonNode container : definition.state().path("definition").path("containerDefinitions")) {
            containers.add(AwsDouble.object().put("name", container.path("name").asText()).put("lastStatus", "RUNNING"));
        }
        state.set("containers", containers);
        aws.put("task", arn, arn.substring(arn.lastIndexOf('/') + 1), tags, state);
        return arn;
    }

    /** The task stops with this exit code from its overridden container (the others exit 0). */
    void stop(String taskArn, int exitCode) {
        Resource task = aws.find(taskArn).filter(r -> r.type().equals("task")).orElseThrow();
        String overridden = task.state().path("overrides").path("containerOverrides").path(0).path("name").asText();
        task.state().put("lastStatus", "STOPPED").put("desiredStatus", "STOPPED")
                .put("stoppedAt", System.currentTimeMillis() / 1000.0).put("stopCode", "EssentialContainerExited")
                .put("stoppedReason", "Essential container in task exited");
        for (JsonNode container : task.state().path("containers")) {
            ((ObjectNode) container).put("lastStatus", "STOPPED")
                    .put("exitCode", container.path("name").asText().equals(overridden) ? exitCode : 0);
        }
    }

    static List<String> operations() {
        return List.of("CreateSchedule", "GetSchedule", "UpdateSchedule", "DeleteSchedule");
    }
}
