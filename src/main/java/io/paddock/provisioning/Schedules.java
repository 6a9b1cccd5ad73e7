package io.paddock.provisioning;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.SchedulePort.RunsQuery;
import io.paddock.provisioning.SchedulePort.ScheduleRequest;
import io.paddock.provisioning.SchedulePort.TaskRun;
import io.smallrye.mutiny.Uni;
import io.paddock.web.CallerContext;
import io.paddock.web.Detached;

/**
 * Cron jobs' schedules through the configured provider's {@link SchedulePort}, with the ledger: a schedule is
 * recorded the moment it exists (kind SCHEDULE), so teardown removes it with the environment, before the task
 * definitions and the service (it is newer than both, and first in {@link TaggedResources#TEARDOWN_ORDER}). A
 * create that fails part-way undoes what it recorded. Every answer comes back on the caller's Vert.x context
 * and failures are {@link ProvisioningFailedException}s naming the provider operation.
 */
@ApplicationScoped
public class Schedules {

    /** EventBridge Scheduler's limit on schedule names. */
    static final int NAME_MAX = 64;

    @Inject SchedulePort port;
    @Inject CloudCalls calls;
    @Inject ResourceDeletions deletions;
    @Inject Runs runs;

    /**
     * The schedule name of a job: {@code paddock-<first 8 hex digits of the environment id>-<job name>}, within
     * Scheduler's 64 characters (a long job name is cut and given a hash of the whole of it).
     */
    public static String scheduleName(UUID environmentId, String jobName) {
        String prefix = "paddock-" + environmentId.toString().substring(0, 8) + "-";
        String whole = prefix + jobName;
        if (whole.length() <= NAME_MAX) {
            return whole;
        }
        String hash = ResourceNames.sha256(jobName).substring(0, 8);
        return prefix + jobName.substring(0, NAME_MAX - prefix.length() - hash.length() - 1) + "-" + hash;
    }

    /** Creates the schedule and records it; on any failure nothing of it is left. Answers with its ARN. */
    public Uni<String> create(UUID environmentId, ScheduleRequest request) {
        Executor caller = CallerContext.capture();
        return Detached.run(() -> {
            // One step, under no lease: a cron job change locks the environment's row, it does not claim it.
            Run run = runs.start(environmentId, StepGuard.ALWAYS);
            return run.create(CloudOperation.CREATE_SCHEDULE, () -> port.createSchedule(request),
                            made -> LedgerEntry.of(environmentId, ResourceKind.SCHEDULE, made.scheduleArn(), null,
                                    made.name()))
                    .map(SchedulePort.Schedule::scheduleArn)
                    .onFailure().recoverWithUni(failure -> run.undoRecordedAndFail(failure));
        }).emitOn(caller);
    }

    /** Replaces the schedule's definition (expression, state, command, task definition revision). */
    public Uni<Void> update(ScheduleRequest request) {
        Executor caller = CallerContext.capture();
        return calls.call(CloudOperation.UPDATE_SCHEDULE, () -> port.updateSchedule(request))
                .onFailure().transform(Run::failed)
                .replaceWithVoid()
                .emitOn(caller);
    }

    /** Deletes the schedule and its ledger row; a schedule already gone counts as deleted. */
    public Uni<Void> delete(String scheduleArn) {
        Executor caller = CallerContext.capture();
        return deletions.deleteWithRow(LedgerEntry.of(null, ResourceKind.SCHEDULE, scheduleArn, null, null))
                .onFailure().transform(Run::failed)
                .emitOn(caller);
    }

    /** The tasks the schedule started, newest first. */
    public Uni<List<TaskRun>> runs(RunsQuery query) {
        Executor caller = CallerContext.capture();
        return calls.call(CloudOperation.LIST_TASKS, () -> port.listRuns(query))
                .onFailure().transform(Run::failed)
                .emitOn(caller);
    }
}
