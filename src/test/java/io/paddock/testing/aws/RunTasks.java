package io.paddock.testing.aws;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble.Resource;

/**
 * ECS RunTask (JSON 1.1): one Fargate task from an active task definition, checked as ECS checks it (an awsvpc
 * task needs subnets, an override must name a container of the definition, a repeated clientToken answers the
 * task it started). The task is PROVISIONING; tests move it on with {@link AwsDouble#startTask} and
 * {@link AwsDouble#stopTask}, and DescribeTasks reports it with its overrides.
 */
final class RunTasks {

    private final AwsDouble aws;
    private final Map<String, String> byClientToken = new ConcurrentHashMap<>();

    RunTasks(AwsDouble aws) {
        this.aws = aws;
    }

    JsonNode runTask(JsonNode request) {
        String token = request.path("clientToken").asText(null);
        if (token != null && byClientToken.containsKey(token)) {
            return answer(aws.find(byClientToken.get(token)).orElseThrow());
        }
        String cluster = request.path("cluster").asText("default");
        String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
        String definitionName = request.path("taskDefinition").asText();
        List<Resource> definitions = aws.all("task-definition", t -> (t.id().equals(definitionName)
                || t.name().equals(definitionName)) && "ACTIVE".equals(t.state().path("status").asText()));
        if (definitions.isEmpty()) {
            throw AwsDouble.refused("ClientException", "TaskDefinition not found.");
        }
        Resource definition = definitions.get(0);
        JsonNode vpc = request.path("networkConfiguration").path("awsvpcConfiguration");
        if (vpc.path("subnets").isEmpty()) {
            throw AwsDouble.refused("InvalidParameterException",
                    "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
        Set<String> names = new HashSet<>();
        ArrayNode containers = AwsDouble.array();
        for (JsonNode container : definition.state().path("definition").path("containerDefinitions")) {
            names.add(container.path("name").asText());
            containers.add(AwsDouble.object().put("name", container.path("name").asText())
                    .put("lastStatus", "PENDING"));
        }
        for (JsonNode override : request.path("overrides").path("containerOverrides")) {
            if (!names.contains(override.path("name").asText())) {
                throw AwsDouble.refused("InvalidParameterException", "Override for container named "
                        + override.path("name").asText() + " is not a container in the TaskDefinition.");
            }
        }
        String arn = AwsDouble.arn("ecs", "task/" + clusterName + "/" + AwsDouble.hex(32));
        ObjectNode state = AwsDouble.state().put("cluster", AwsDouble.arn("ecs", "cluster/" + clusterName))
                .put("family", definition.state().path("family").asText())
                .put("taskDefinitionArn", definition.id()).put("lastStatus", "PROVISIONING")
                .put("desiredStatus", "RUNNING").put("createdAt", System.currentTimeMillis() / 1000.0)
                .put("launchType", request.path("launchType").asText());
        state.set("overrides", request.path("overrides"));
        state.set("networkConfiguration", request.path("networkConfiguration"));
        state.set("containers", containers);
        state.set("request", request);
        Resource task = aws.put("task", arn, arn.substring(arn.lastIndexOf('/') + 1),
                AwsDouble.tags(request.path("tags"), "key", "value"), state);
        if (token != null) {
            byClientToken.put(token, arn);
        }
        return answer(task);
    }

    /** A task the service started (its group is {@code service:<name>}), running. */
    String startForService(String serviceArn) {
        Resource service = aws.find(serviceArn).filter(r -> r.type().equals("service")).orElseThrow();
        String cluster = service.state().path("cluster").asText();
        Resource definition = aws.find(service.state().path("taskDefinition").asText()).orElseThrow();
        String arn = AwsDouble.arn("ecs", "task/" + cluster + "/" + AwsDouble.hex(32));
        ArrayNode containers = AwsDouble.array();
        for (JsonNode container : definition.state().path("definition").path("containerDefinitions")) {
            containers.add(AwsDouble.object().put("name", container.path("name").asText()).put("lastStatus", "RUNNING"));
        }
        double now = System.currentTimeMillis() / 1000.0;
        ObjectNode state = AwsDouble.state().put("cluster", AwsDouble.arn("ecs", "cluster/" + cluster))
                .put("family", definition.state().path("family").asText()).put("taskDefinitionArn", definition.id())
                .put("lastStatus", "RUNNING").put("desiredStatus", "RUNNING").put("createdAt", now)
                .put("startedAt", now).put("launchType", "FARGATE").put("group", "service:" + service.name());
        state.set("containers", containers);
        state.set("overrides", AwsDouble.object().set("containerOverrides", AwsDouble.array()));
        aws.put("task", arn, arn.substring(arn.lastIndexOf('/') + 1), service.tags(), state);
        return arn;
    }

    /** ListTasks of one service: its tasks of the desired status (RUNNING when absent), newest first. */
    JsonNode listServiceTasks(JsonNode request) {
        String cluster = request.path("cluster").asText("default");
        String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
        String group = "service:" + request.path("serviceName").asText();
        String desired = request.path("desiredStatus").asText("RUNNING");
        ArrayNode arns = AwsDouble.array();
        List<Resource> tasks = aws.all("task", t -> t.state().path("cluster").asText().endsWith("/" + clusterName)
                && group.equals(t.state().path("group").asText()) && desired.equals(t.state().path("desiredStatus").asText()));
        for (int i = tasks.size() - 1; i >= 0; i--) {
            arns.add(tasks.get(i).id());
        }
        ObjectNode answer = AwsDouble.object();
        answer.set("taskArns", arns);
        return answer;
    }

    /** The task is running: its containers have started. */
    void start(String taskArn) {
        Resource task = aws.find(taskArn).filter(r -> r.type().equals("task")).orElseThrow();
        task.state().put("lastStatus", "RUNNING").put("startedAt", System.currentTimeMillis() / 1000.0);
        for (JsonNode container : task.state().path("containers")) {
            ((ObjectNode) container).put("lastStatus", "RUNNING");
        }
    }

    private static JsonNode answer(Resource task) {
        ObjectNode node = AwsDouble.object().put("taskArn", task.id())
                .put("clusterArn", task.state().path("cluster").asText())
                .put("taskDefinitionArn", task.state().path("taskDefinitionArn").asText())
                .put("lastStatus", task.state().path("lastStatus").asText())
                .put("desiredStatus", task.state().path("desiredStatus").asText())
                .put("launchType", task.state().path("launchType").asText())
                .put("createdAt", task.state().path("createdAt").asDouble());
        node.set("containers", task.state().path("containers"));
        node.set("overrides", task.state().path("overrides"));
        ObjectNode answer = AwsDouble.object();
        answer.set("tasks", AwsDouble.array().add(node));
        answer.set("failures", AwsDouble.array());
        return answer;
    }
}
