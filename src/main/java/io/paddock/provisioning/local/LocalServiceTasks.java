package io.paddock.provisioning.local;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.LogPort;
import io.paddock.provisioning.LogPort.LogEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The tasks of the local cloud's simulated services, and what they write. A deployment (a service created, its task
 * definition or desired count changed) replaces the service's tasks with {@code desiredCount} new ones that are
 * running from the moment it settles; each new task's containers log that they started, each replaced task's that
 * they stopped, to the streams of the task definition's log group that ECS's awslogs driver would write.
 */
@ApplicationScoped
public class LocalServiceTasks {

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;
    @Inject LocalLogs logs;

    /**
     * The service's attributes with its new tasks ({@code tasks}: their ids); writes the log events of the
     * deployment. {@code previous} is the service's attributes before it, null for a new service.
     */
    Uni<JsonObject> deploy(String serviceArn, JsonObject previous, JsonObject next) {
        return inventory.find(next.getString("taskDefinition"), LocalResourceType.TASK_DEFINITION)
                .chain(found -> deploy(serviceArn, previous, next, found.orElse(null)));
    }

    /** As {@link #deploy(String, JsonObject, JsonObject)}, with the task definition already read (null: none). */
    Uni<JsonObject> deploy(String serviceArn, JsonObject previous, JsonObject next,
            LocalInventory.Resource taskDefinition) {
        String definitionArn = next.getString("taskDefinition");
        return Uni.createFrom().item(taskDefinition)
                .chain(found -> {
                    JsonObject definition = found == null ? new JsonObject() : found.attributes();
                    String group = definition.getString("logGroup");
                    List<String> containers = strings(definition.getJsonArray("containerNames"));
                    long at = next.getLong("settlesAt");
                    String revision = definitionArn.substring(definitionArn.lastIndexOf('/') + 1);
                    JsonArray tasks = new JsonArray();
                    Uni<Void> written = Uni.createFrom().voidItem();
                    for (int i = 0; i < next.getInteger("desiredCount", 0); i++) {
                        String taskId = LocalCloud.hex(32);
                        tasks.add(taskId);
                        for (String container : containers) {
                            written = written.chain(() -> write(group, container, taskId, at,
                                    "[paddock local provider] task " + taskId + " (" + revision + "): container "
                                            + container + " started"));
                        }
                    }
                    JsonArray old = previous == null ? new JsonArray() : previous.getJsonArray("tasks", new JsonArray());
                    String oldGroup = previous == null ? group : previous.getString("logGroup", group);
                    List<String> oldContainers = previous == null ? containers
                            : strings(previous.getJsonArray("containerNames"));
                    for (Object taskId : old) {
                        for (String container : oldContainers) {
                            written = written.chain(() -> write(oldGroup, container, String.valueOf(taskId), at,
                                    "[paddock local provider] task " + taskId + ": container " + container
                                            + " stopped (replaced by a deployment)"));
                        }
                    }
                    return written.replaceWith(next.copy().put("tasks", tasks).put("logGroup", group)
                            .put("containerNames", new JsonArray(containers)));
                });
    }

    private Uni<Void> write(String group, String container, String taskId, long at, String message) {
        if (group == null) {
            return Uni.createFrom().voidItem();
        }
        return logs.write(group, LogPort.streamOf(container, taskId), List.of(new LogEvent(at, message, null)));
    }

    static List<String> strings(JsonArray array) {
        List<String> values = new ArrayList<>();
        if (array != null) {
            array.forEach(value -> values.add(String.valueOf(value)));
        }
        return values;
    }
}
