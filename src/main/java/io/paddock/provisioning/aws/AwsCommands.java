package io.paddock.provisioning.aws;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.CommandPort;
import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.SchedulePort.TaskRun;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS RunTask and DescribeTasks for one-off commands. RunTask answers a refusal it could not place (capacity, an
 * image it cannot pull) in its {@code failures} rather than as an error: that is a refusal here too.
 */
@Singleton
@Typed(AwsCommands.class)
public class AwsCommands implements CommandPort {

    /** ECS's limit on a RunTask client token. */
    private static final int CLIENT_TOKEN_MAX = 64;

    @Inject EcsAsyncClient ecs;
    @Inject AwsCalls calls;

    @Override
    public Uni<String> runTask(RunTaskRequest request) {
        CloudOperation operation = CloudOperation.RUN_TASK;
        return calls.call(operation, () -> ecs.runTask(run -> run
                        .cluster(request.clusterArn())
                        .taskDefinition(request.taskDefinitionArn())
                        .launchType(LaunchType.FARGATE)
                        .count(1)
                        .startedBy("paddock-command")
                        .clientToken(request.clientToken().length() <= CLIENT_TOKEN_MAX ? request.clientToken()
                                : request.clientToken().substring(0, CLIENT_TOKEN_MAX))
                        .networkConfiguration(network -> network.awsvpcConfiguration(vpc -> vpc
                                .subnets(request.subnetIds())
                                .securityGroups(request.securityGroupIds())
                                .assignPublicIp(AssignPublicIp.DISABLED)))
                        .overrides(overrides -> overrides.containerOverrides(ContainerOverride.builder()
                                .name(request.containerName())
                                .command(request.command())
                                .build()))
                        .enableECSManagedTags(true)
                        .tags(AwsTags.of(request.tags(), (key, value) ->
                                software.amazon.awssdk.services.ecs.model.Tag.builder().key(key).value(value).build()))))
                .map(answer -> {
                    if (answer.tasks().isEmpty()) {
                        String reason = answer.failures().isEmpty() ? "no task was started"
                                : answer.failures().get(0).reason() + " " + String.valueOf(answer.failures().get(0).detail());
                        throw ProviderException.refused(operation, "RunTaskFailure", reason);
                    }
                    return answer.tasks().get(0).taskArn();
                });
    }

    @Override
    public Uni<List<TaskRun>> describeTasks(String clusterArn, List<String> taskArns, String containerName) {
        if (taskArns.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return calls.call(CloudOperation.DESCRIBE_TASKS, () -> ecs.describeTasks(describe -> describe
                        .cluster(clusterArn)
                        .tasks(taskArns)))
                .map(answer -> answer.tasks().stream().map(task -> run(task, containerName)).toList());
    }

    private static TaskRun run(Task task, String containerName) {
        Integer exitCode = task.containers().stream()
                .filter(container -> containerName.equals(container.name()))
                .findFirst()
                .map(Container::exitCode)
                .orElse(null);
        List<String> command = task.overrides() == null ? null : task.overrides().containerOverrides().stream()
                .filter(override -> containerName.equals(override.name()) && override.hasCommand())
                .findFirst()
                .map(ContainerOverride::command)
                .orElse(null);
        return new TaskRun(task.taskArn(), task.lastStatus(), exitCode, task.stopCodeAsString(), task.stoppedReason(),
                time(task.createdAt()), time(task.startedAt()), time(task.stoppedAt()), command);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
