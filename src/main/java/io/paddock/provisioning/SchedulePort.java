package io.paddock.provisioning;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * What runs an environment's cron jobs: one EventBridge Scheduler schedule per job, whose target runs the
 * environment's task definition on its cluster with the job's command, and the ECS tasks those schedules
 * started. One method per provider operation (ListRuns is ECS ListTasks plus DescribeTasks). Each returned
 * {@link Uni} completes on any thread and fails with {@link ProviderException}.
 */
public interface SchedulePort {

    /** Scheduler CreateSchedule; answers with the schedule's ARN. */
    Uni<Schedule> createSchedule(ScheduleRequest request);

    /** Scheduler UpdateSchedule: replaces the whole definition of the schedule of that name. */
    Uni<Schedule> updateSchedule(ScheduleRequest request);

    /** Scheduler DeleteSchedule, by the schedule's ARN. */
    Uni<Void> deleteSchedule(String scheduleArn);

    /** The tasks a schedule started, newest first: ECS ListTasks (running and stopped) and DescribeTasks. */
    Uni<List<TaskRun>> listRuns(RunsQuery query);

    /** The tag every task a job's schedule starts carries, with the schedule's name as its value. */
    String JOB_TAG = "paddock:cron-schedule";

    /**
     * A schedule's whole definition. {@code clusterArn} is the target; {@code taskDefinitionArn} the revision it
     * runs; {@code containerName} and {@code command} the container override; {@code tags} go on every task it
     * starts (Scheduler's schedules themselves take no tags).
     */
    record ScheduleRequest(String name, String description, String scheduleExpression, boolean enabled,
            String clusterArn, String taskDefinitionArn, List<String> subnetIds, List<String> securityGroupIds,
            String containerName, List<String> command, Map<String, String> tags) {
    }

    record Schedule(String scheduleArn, String name) {
    }

    /** The tasks in {@code clusterArn} of the task definition {@code family} whose job tag is {@code scheduleName}. */
    record RunsQuery(String clusterArn, String family, String scheduleName, String containerName) {
    }

    /**
     * One task as ECS reports it: {@code lastStatus} (PROVISIONING ... STOPPED), the exit code of the job's
     * container (null until it exits, or when it never started), the task's times, the command its
     * overrides gave that container (null when the provider does not say), and what the container wrote (null
     * when the provider does not read it: the task's logs are not read yet).
     */
    record TaskRun(String taskArn, String lastStatus, Integer exitCode, String stopCode, String stoppedReason,
            OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime stoppedAt, List<String> command,
            List<String> output) {

        /** A task whose output the provider does not read. */
        public TaskRun(String taskArn, String lastStatus, Integer exitCode, String stopCode, String stoppedReason,
                OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime stoppedAt, List<String> command) {
            this(taskArn, lastStatus, exitCode, stopCode, stoppedReason, createdAt, startedAt, stoppedAt, command, null);
        }

        /** The task id: the last segment of its ARN. */
        public String taskId() {
            return taskArn.substring(taskArn.lastIndexOf('/') + 1);
        }
    }
}
