package io.paddock.provisioning.aws;

import static io.paddock.provisioning.aws.AwsCalls.code;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.SchedulePort;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.TaskField;
import software.amazon.awssdk.services.scheduler.SchedulerAsyncClient;
import software.amazon.awssdk.services.scheduler.model.AssignPublicIp;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.LaunchType;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.Target;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * Cron jobs on EventBridge Scheduler: one schedule per job in the default schedule group, whose target is ECS
 * RunTask of the environment's task definition on its cluster (Fargate, the service's subnets and security
 * group) with the job's command as the container override. Scheduler schedules take no tags, so ownership is
 * the deterministic name and the ledger; the tasks a schedule starts carry the environment's tags and the job
 * tag {@link SchedulePort#JOB_TAG}, which is how their runs are found again (ECS ListTasks by family, then
 * DescribeTasks with tags). A repeated create finds the schedule an earlier attempt made (GetSchedule, or a
 * ConflictException) and updates it to the wanted definition.
 */
@Singleton
@Typed(AwsSchedules.class)
public class AwsSchedules implements SchedulePort {

    static final String GROUP = "default";
    /** ListTasks answers at most 100 task ARNs per call, and DescribeTasks takes at most 100. */
    private static final int PAGE = 100;

    @Inject SchedulerAsyncClient scheduler;
    @Inject EcsAsyncClient ecs;
    @Inject AwsCalls calls;
    @Inject AwsSettings settings;
    @Inject ObjectMapper json;

    @Override
    public Uni<Schedule> createSchedule(ScheduleRequest request) {
        CloudOperation operation = CloudOperation.CREATE_SCHEDULE;
        return calls.call(operation, () -> scheduler.getSchedule(get -> get.name(request.name()).groupName(GROUP)))
                .map(found -> true)
                .onFailure(code("ResourceNotFoundException")).recoverWithItem(false)
                .chain(exists -> exists
                        ? updateSchedule(request)
                        : calls.call(operation, () -> scheduler.createSchedule(schedule(request)))
                                .map(made -> new Schedule(made.scheduleArn(), request.name()))
                                .onFailure(code("ConflictException")).recoverWithUni(() -> updateSchedule(request)));
    }

    @Override
    public Uni<Schedule> updateSchedule(ScheduleRequest request) {
        return calls.call(CloudOperation.UPDATE_SCHEDULE, () -> scheduler.updateSchedule(asUpdate(schedule(request))))
                .map(made -> new Schedule(made.scheduleArn(), request.name()));
    }

    /** The schedule as CreateSchedule takes it: every run in UTC, at the minute (no flexible window). */
    private CreateScheduleRequest schedule(ScheduleRequest request) {
        return CreateScheduleRequest.builder()
                .name(request.name())
                .groupName(GROUP)
                .description(request.description())
                .scheduleExpression(request.scheduleExpression())
                .scheduleExpressionTimezone("UTC")
                .state(state(request))
                .flexibleTimeWindow(window -> window.mode(FlexibleTimeWindowMode.OFF))
                .target(target(request))
                .build();
    }

    /** UpdateSchedule replaces the whole schedule, so it carries everything a create does. */
    private static UpdateScheduleRequest asUpdate(CreateScheduleRequest create) {
        return UpdateScheduleRequest.builder().name(create.name()).groupName(create.groupName())
                .description(create.description()).scheduleExpression(create.scheduleExpression())
                .scheduleExpressionTimezone(create.scheduleExpressionTimezone()).state(create.state())
                .flexibleTimeWindow(create.flexibleTimeWindow()).target(create.target()).build();
    }

    /** {@code arn:aws:scheduler:<region>:<account>:schedule/<group>/<name>}. */
    @Override
    public Uni<Void> deleteSchedule(String scheduleArn) {
        String[] path = scheduleArn.substring(scheduleArn.indexOf(":schedule/") + ":schedule/".length()).split("/");
        String group = path.length > 1 ? path[0] : GROUP;
        String name = path[path.length - 1];
        return calls.call(CloudOperation.DELETE_SCHEDULE, () -> scheduler.deleteSchedule(delete -> delete
                        .name(name)
                        .groupName(group)))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<TaskRun>> listRuns(RunsQuery query) {
        Uni<List<String>> running = listTasks(query, DesiredStatus.RUNNING);
        Uni<List<String>> stopped = listTasks(query, DesiredStatus.STOPPED);
        return Uni.combine().all().unis(running, stopped).asTuple()
                .chain(both -> {
                    List<String> arns = new ArrayList<>(both.getItem1());
                    both.getItem2().stream().filter(arn -> !arns.contains(arn)).forEach(arns::add);
                    if (arns.isEmpty()) {
                        return Uni.createFrom().item(List.<TaskRun>of());
                    }
                    List<String> page = arns.size() > PAGE ? arns.subList(0, PAGE) : arns;
                    return calls.call(CloudOperation.DESCRIBE_TASKS, () -> ecs.describeTasks(describe -> describe
                                    .cluster(query.clusterArn())
                                    .tasks(page)
                                    .include(TaskField.TAGS)))
                            .map(answer -> answer.tasks().stream()
                                    .filter(task -> task.tags().stream().anyMatch(tag -> JOB_TAG.equals(tag.key())
                                            && query.scheduleName().equals(tag.value())))
                                    .map(task -> new TaskRun(task.taskArn(), task.lastStatus(),
                                            task.containers().stream()
                                                    .filter(container -> query.containerName().equals(container.name()))
                                                    .findFirst()
                                                    .map(container -> container.exitCode())
                                                    .orElse(null),
                                            task.stopCodeAsString(), task.stoppedReason(), time(task.createdAt()),
                                            time(task.startedAt()), time(task.stoppedAt()),
                                            task.overrides() == null ? null : task.overrides().containerOverrides().stream()
                                                    .filter(o -> query.containerName().equals(o.name()) && o.hasCommand())
                                                    .map(o -> List.copyOf(o.command()))
                                                    .findFirst().orElse(null)))
                                    .sorted(Comparator.comparing(TaskRun::createdAt,
                                            Comparator.nullsLast(Comparator.reverseOrder())))
                                    .toList());
                });
    }

    private Uni<List<String>> listTasks(RunsQuery query, DesiredStatus status) {
        return calls.call(CloudOperation.LIST_TASKS, () -> ecs.listTasks(list -> list
                        .cluster(query.clusterArn())
                        .family(query.family())
                        .desiredStatus(status)
                        .maxResults(PAGE)))
                .map(answer -> List.copyOf(answer.taskArns()));
    }

    private Target target(ScheduleRequest request) {
        List<Map<String, String>> tags = new ArrayList<>();
        Map<String, String> all = new LinkedHashMap<>(request.tags());
        all.put(JOB_TAG, request.name());
        all.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(tag -> {
                    Map<String, String> one = new LinkedHashMap<>();
                    one.put("key", tag.getKey());
                    one.put("value", tag.getValue());
                    tags.add(one);
                });
        return Target.builder()
                .arn(request.clusterArn())
                .roleArn(settings.schedulerRoleArn())
                .input(overrides(request))
                .ecsParameters(ecsParameters -> ecsParameters
                        .taskDefinitionArn(request.taskDefinitionArn())
                        .taskCount(1)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc
                                .subnets(request.subnetIds())
                                .securityGroups(request.securityGroupIds())
                                .assignPublicIp(AssignPublicIp.DISABLED)))
                        .enableECSManagedTags(true)
                        .tags(tags))
                .build();
    }

    /** The ECS RunTask overrides Scheduler passes as the target's input: the job's command for its container. */
    private String overrides(ScheduleRequest request) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", request.containerName());
        container.put("command", request.command());
        try {
            return json.writeValueAsString(Map.of("containerOverrides", List.of(container)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always serialisable", e);
        }
    }

    private static ScheduleState state(ScheduleRequest request) {
        return request.enabled() ? ScheduleState.ENABLED : ScheduleState.DISABLED;
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
