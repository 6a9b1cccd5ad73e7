package io.paddock.provisioning.local;

import static io.paddock.provisioning.ResourceTags.environmentOf;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.CommandPort;
import io.paddock.provisioning.LogPort;
import io.paddock.provisioning.LogPort.LogEvent;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.SchedulePort.TaskRun;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One-off tasks in the local cloud. A task is provisioned for {@link #START_UP} and then runs its command as
 * {@link LocalShell} does: what it writes goes to its container's stream of the task definition's log group, each
 * line at the time it is written, and it stops with the command's exit code. The whole run is decided when the task
 * starts (a row of {@code local_cloud_run_task}); what DescribeTasks answers follows from it and the clock. The
 * task's id comes from the client token, so a repeated RunTask answers the same task.
 */
@ApplicationScoped
@Typed(LocalCommands.class)
public class LocalCommands implements CommandPort {

    static final Duration START_UP = Duration.ofSeconds(1);

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;
    @Inject LocalLogs logs;
    @Inject Pool pool;

    @Override
    public Uni<String> runTask(RunTaskRequest request) {
        CloudOperation operation = CloudOperation.RUN_TASK;
        String cluster = request.clusterArn().substring(request.clusterArn().lastIndexOf('/') + 1);
        String taskId = sha(request.clientToken()).substring(0, 32);
        String arn = cloud.arn("ecs", "task/" + cluster + "/" + taskId);
        return cloud.call(operation, environmentOf(request.tags()), null, () -> LocalCloud.require(
                        inventory.find(request.taskDefinitionArn(), LocalResourceType.TASK_DEFINITION), operation,
                        "ClientException", "TaskDefinition not found.")
                .chain(definition -> {
                    JsonObject attributes = definition.attributes();
                    if (!LocalServiceTasks.strings(attributes.getJsonArray("containerNames")).contains(request.containerName())) {
                        return Uni.createFrom().failure(ProviderException.refused(operation, "InvalidParameterException",
                                "Override for container named " + request.containerName()
                                        + " is not a container in the TaskDefinition."));
                    }
                    if (request.subnetIds().isEmpty()) {
                        return Uni.createFrom().failure(ProviderException.refused(operation, "InvalidParameterException",
                                "Network Configuration must be provided when networkMode 'awsvpc' is specified."));
                    }
                    return start(arn, taskId, request, attributes.getString("logGroup"));
                }));
    }

    private Uni<String> start(String arn, String taskId, RunTaskRequest request, String logGroup) {
        LocalShell.Result result = LocalShell.run(request.command());
        Instant created = Instant.now();
        Instant started = created.plus(START_UP);
        Instant stopped = started.plus(result.duration());
        return pool.preparedQuery("INSERT INTO local_cloud_run_task (task_arn, cluster, task_definition, container_name,"
                        + " command, created_at, started_at, stopped_at, exit_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                        + " ON CONFLICT (task_arn) DO NOTHING")
                .execute(Tuple.from(List.of(arn, request.clusterArn(), request.taskDefinitionArn(), request.containerName(),
                        new io.vertx.core.json.JsonArray(request.command()).encode(), utc(created), utc(started),
                        utc(stopped), result.exitCode())))
                .chain(rows -> {
                    if (rows.rowCount() == 0 || logGroup == null) {
                        // A repeat of the request: its task already runs and writes.
                        return Uni.createFrom().item(arn);
                    }
                    List<LogEvent> events = new ArrayList<>();
                    for (LocalShell.Line line : result.lines()) {
                        events.add(new LogEvent(started.plus(line.offset()).toEpochMilli(), line.text(), null));
                    }
                    return logs.write(logGroup, LogPort.streamOf(request.containerName(), taskId), events).replaceWith(arn);
                });
    }

    @Override
    public Uni<List<TaskRun>> describeTasks(String clusterArn, List<String> taskArns, String containerName) {
        return cloud.call(CloudOperation.DESCRIBE_TASKS, null, null, () -> pool.preparedQuery(
                        "SELECT task_arn, command, created_at, started_at, stopped_at, exit_code FROM local_cloud_run_task"
                                + " WHERE task_arn = ANY($1)")
                .execute(Tuple.of(taskArns.toArray(String[]::new)))
                .map(rows -> {
                    Instant now = Instant.now();
                    List<TaskRun> runs = new ArrayList<>();
                    for (Row row : rows) {
                        runs.add(run(row, now));
                    }
                    return runs;
                }));
    }

    private static TaskRun run(Row row, Instant now) {
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        OffsetDateTime started = row.getOffsetDateTime("started_at");
        OffsetDateTime stopped = row.getOffsetDateTime("stopped_at");
        List<String> command = LocalServiceTasks.strings(new io.vertx.core.json.JsonArray(row.getString("command")));
        if (now.isBefore(started.toInstant())) {
            return new TaskRun(row.getString("task_arn"), "PROVISIONING", null, null, null, created, null, null, command);
        }
        if (now.isBefore(stopped.toInstant())) {
            return new TaskRun(row.getString("task_arn"), "RUNNING", null, null, null, created, started, null, command);
        }
        return new TaskRun(row.getString("task_arn"), "STOPPED", row.getInteger("exit_code"), "EssentialContainerExited",
                "Essential container in task exited", created, started, stopped, command);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String sha(String value) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
