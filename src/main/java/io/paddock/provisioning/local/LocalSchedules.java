package io.paddock.provisioning.local;

import static io.paddock.provisioning.ResourceTags.environmentOf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.ScheduleExpressions;
import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.SchedulePort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Simulated EventBridge Scheduler schedules. A schedule is an inventory row holding its definition. It fires
 * as its expression says (UTC; a rate every period from when it was created or last enabled), and each time
 * it fires it starts one simulated task that runs for {@link #TASK_TIME} and exits 0. The firing is recorded
 * lazily: whenever the schedule's runs are asked for or its definition changes, the times it fired since it
 * last did are written to {@code local_cloud_task} (at most the latest {@link #CATCH_UP_LIMIT}, within the
 * last {@link #CATCH_UP_WINDOW}), so what a client sees depends only on the schedule and the clock. A
 * disabled schedule does not fire. Deleting a schedule deletes its tasks.
 */
@ApplicationScoped
@Typed(LocalSchedules.class)
public class LocalSchedules implements SchedulePort {

    static final Duration TASK_TIME = Duration.ofSeconds(1);
    static final int CATCH_UP_LIMIT = 100;
    static final Duration CATCH_UP_WINDOW = Duration.ofDays(7);

    @Inject LocalCloud cloud;
    @Inject LocalInventory inventory;
    @Inject Pool pool;

    private String arn(String name) {
        return cloud.arn("scheduler", "schedule/default/" + name);
    }

    /** A schedule of that name (an earlier attempt's, whose answer was lost) is updated to the request instead. */
    @Override
    public Uni<Schedule> createSchedule(ScheduleRequest request) {
        CloudOperation operation = CloudOperation.CREATE_SCHEDULE;
        var environment = environmentOf(request.tags());
        String arn = arn(request.name());
        return cloud.call(operation, environment, null, () -> inventory.find(arn, LocalResourceType.SCHEDULE)
                .chain(existing -> existing.isPresent()
                        ? inventory.updateAttributes(arn, definition(request, System.currentTimeMillis()))
                        : inventory.insert(new LocalInventory.Resource(arn, LocalResourceType.SCHEDULE, environment,
                                request.name(), null, definition(request, System.currentTimeMillis()))))
                .replaceWith(new Schedule(arn, request.name())));
    }

    @Override
    public Uni<Schedule> updateSchedule(ScheduleRequest request) {
        CloudOperation operation = CloudOperation.UPDATE_SCHEDULE;
        String arn = arn(request.name());
        return cloud.call(operation, null, arn, () -> find(operation, arn)
                .chain(schedule -> catchUp(schedule)
                        .chain(now -> {
                            JsonObject previous = schedule.attributes();
                            boolean resumes = request.enabled() && !previous.getBoolean("enabled", false);
                            boolean reschedules = !request.scheduleExpression().equals(previous.getString("expression"));
                            JsonObject next = definition(request, resumes || reschedules ? now
                                    : previous.getLong("anchor", now));
                            next.put("firedThrough", now);
                            return inventory.updateAttributes(arn, next);
                        }))
                .replaceWith(new Schedule(arn, request.name())));
    }

    @Override
    public Uni<Void> deleteSchedule(String scheduleArn) {
        return cloud.delete(CloudOperation.DELETE_SCHEDULE, scheduleArn, LocalResourceType.SCHEDULE,
                "ResourceNotFoundException",
                "Schedule " + scheduleArn.substring(scheduleArn.lastIndexOf('/') + 1) + " does not exist.");
    }

    @Override
    public Uni<List<TaskRun>> listRuns(RunsQuery query) {
        CloudOperation operation = CloudOperation.LIST_TASKS;
        String arn = arn(query.scheduleName());
        return cloud.call(operation, null, arn, () -> inventory.find(arn, LocalResourceType.SCHEDULE)
                .chain(found -> found.isEmpty()
                        ? Uni.createFrom().item(List.<TaskRun>of())
                        : catchUp(found.get()).chain(now -> tasks(arn, found.get().attributes(), now))));
    }

    private Uni<LocalInventory.Resource> find(CloudOperation operation, String arn) {
        return inventory.find(arn, LocalResourceType.SCHEDULE)
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(found.get())
                        : Uni.createFrom().failure(ProviderException.notFound(operation, "ResourceNotFoundException",
                                "Schedule " + arn.substring(arn.lastIndexOf('/') + 1) + " does not exist.")));
    }

    private static JsonObject definition(ScheduleRequest request, long anchor) {
        return new JsonObject()
                .put("expression", request.scheduleExpression())
                .put("enabled", request.enabled())
                .put("description", request.description())
                .put("cluster", request.clusterArn())
                .put("taskDefinition", request.taskDefinitionArn())
                .put("subnets", new JsonArray(List.copyOf(request.subnetIds())))
                .put("securityGroups", new JsonArray(List.copyOf(request.securityGroupIds())))
                .put("container", request.containerName())
                .put("command", new JsonArray(List.copyOf(request.command())))
                .put("tags", JsonObject.mapFrom(request.tags()))
                .put("anchor", anchor)
                .put("firedThrough", anchor);
    }

    /** Records the tasks the schedule started since it last did; answers the time it caught up to. */
    private Uni<Long> catchUp(LocalInventory.Resource schedule) {
        long now = System.currentTimeMillis();
        JsonObject attributes = schedule.attributes();
        if (!attributes.getBoolean("enabled", false)) {
            return Uni.createFrom().item(now);
        }
        long after = Math.max(attributes.getLong("firedThrough", now), now - CATCH_UP_WINDOW.toMillis());
        List<Instant> fired = ScheduleExpressions.fireTimes(ScheduleExpressions.parse(attributes.getString("expression")),
                Instant.ofEpochMilli(attributes.getLong("anchor", now)), Instant.ofEpochMilli(after),
                Instant.ofEpochMilli(now), CATCH_UP_LIMIT);
        String cluster = Optional.ofNullable(attributes.getString("cluster")).orElse("cluster/default");
        String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
        List<Tuple> rows = new ArrayList<>();
        for (Instant at : fired) {
            String taskId = sha256(schedule.id() + "|" + at.toEpochMilli()).substring(0, 32);
            rows.add(Tuple.of(cloud.arn("ecs", "task/" + clusterName + "/" + taskId), schedule.id(),
                    at.atOffset(ZoneOffset.UTC)));
        }
        Uni<Void> written = rows.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("INSERT INTO local_cloud_task (task_arn, schedule_arn, started_at) VALUES ($1, $2, $3)"
                        + " ON CONFLICT (task_arn) DO NOTHING").executeBatch(rows).replaceWithVoid();
        return written
                .chain(() -> inventory.updateAttributes(schedule.id(), attributes.copy().put("firedThrough", now)))
                .replaceWith(now);
    }

    private Uni<List<TaskRun>> tasks(String scheduleArn, JsonObject schedule, long now) {
        return pool.preparedQuery("SELECT task_arn, started_at FROM local_cloud_task WHERE schedule_arn = $1"
                        + " ORDER BY started_at DESC LIMIT " + CATCH_UP_LIMIT)
                .execute(Tuple.of(scheduleArn))
                .map(rows -> {
                    List<TaskRun> runs = new ArrayList<>();
                    for (Row row : rows) {
                        OffsetDateTime started = row.getOffsetDateTime("started_at");
                        OffsetDateTime stopped = started.plus(TASK_TIME);
                        boolean done = !stopped.toInstant().isAfter(Instant.ofEpochMilli(now));
                        runs.add(new TaskRun(row.getString("task_arn"), done ? "STOPPED" : "RUNNING", done ? 0 : null,
                                done ? "EssentialContainerExited" : null, done ? "Essential container in task exited" : null,
                                started, started, done ? stopped : null, null, output(schedule, done)));
                    }
                    return runs;
                });
    }

    /** What a simulated task writes: its command as the container ran it, then its exit once it has stopped. */
    private static List<String> output(JsonObject schedule, boolean done) {
        JsonArray command = schedule.getJsonArray("command", new JsonArray());
        List<String> lines = new ArrayList<>();
        lines.add("[paddock local provider] container " + schedule.getString("container") + " runs: "
                + String.join(" ", command.stream().map(String::valueOf).toList()));
        if (done) {
            lines.add("[paddock local provider] exited with code 0 after " + TASK_TIME.toSeconds() + "s");
        }
        return lines;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
