package io.paddock.provisioning.aws;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.AccessPort;
import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import software.amazon.awssdk.services.ecr.EcrAsyncClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sts.StsAsyncClient;

/**
 * ECR's authorization token; ECS's running tasks of a service; STS credentials for a shell in one of them, from the
 * role {@code paddock.aws.shell-role-arn} with a session policy that allows only {@code ecs:ExecuteCommand} on that
 * task (the effective permissions are the intersection of the role's and the policy's).
 */
@Singleton
@Typed(AwsAccess.class)
public class AwsAccess implements AccessPort {

    @Inject EcrAsyncClient ecr;
    @Inject EcsAsyncClient ecs;
    @Inject StsAsyncClient sts;
    @Inject AwsCalls calls;
    @Inject PaddockConfig config;

    @Override
    public Uni<RegistryLogin> registryLogin() {
        CloudOperation operation = CloudOperation.GET_AUTHORIZATION_TOKEN;
        return calls.call(operation, () -> ecr.getAuthorizationToken(get -> { }))
                .map(answer -> {
                    if (answer.authorizationData().isEmpty()) {
                        throw ProviderException.refused(operation, "NoAuthorizationData", "ECR answered no token");
                    }
                    AuthorizationData data = answer.authorizationData().get(0);
                    String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon < 0) {
                        throw ProviderException.refused(operation, "MalformedToken", "ECR's token is not user:password");
                    }
                    return new RegistryLogin(decoded.substring(0, colon), decoded.substring(colon + 1), data.expiresAt(),
                            data.proxyEndpoint());
                });
    }

    @Override
    public Uni<List<RunningTask>> runningTasks(String clusterArn, String serviceName) {
        return calls.call(CloudOperation.LIST_TASKS, () -> ecs.listTasks(list -> list
                        .cluster(clusterArn)
                        .serviceName(serviceName)
                        .desiredStatus(DesiredStatus.RUNNING)))
                .chain(listed -> listed.taskArns().isEmpty() ? Uni.createFrom().item(List.<RunningTask>of())
                        : calls.call(CloudOperation.DESCRIBE_TASKS, () -> ecs.describeTasks(describe -> describe
                                        .cluster(clusterArn)
                                        .tasks(listed.taskArns())))
                                .map(described -> described.tasks().stream()
                                        .filter(task -> "RUNNING".equals(task.lastStatus()))
                                        .sorted((a, b) -> a.startedAt() == null || b.startedAt() == null ? 0
                                                : a.startedAt().compareTo(b.startedAt()))
                                        .map(AwsAccess::running)
                                        .toList()));
    }

    private static RunningTask running(Task task) {
        return new RunningTask(task.taskArn(), task.clusterArn(),
                task.containers().stream().map(software.amazon.awssdk.services.ecs.model.Container::name).toList());
    }

    @Override
    public Uni<ShellCredentials> shellCredentials(RunningTask task, String sessionName) {
        CloudOperation operation = CloudOperation.ASSUME_ROLE;
        String role = config.aws().shellRoleArn().filter(arn -> !arn.isBlank()).orElse(null);
        if (role == null) {
            return Uni.createFrom().failure(ProviderException.refused(operation, "ShellRoleNotConfigured",
                    "paddock.aws.shell-role-arn (PADDOCK_AWS_SHELL_ROLE_ARN) names no role to assume"));
        }
        Duration duration = config.operate().shellSessionDuration();
        return calls.call(operation, () -> sts.assumeRole(assume -> assume
                        .roleArn(role)
                        .roleSessionName(sessionName)
                        .durationSeconds((int) duration.toSeconds())
                        .policy(policy(task))))
                .map(answer -> new ShellCredentials(answer.credentials().accessKeyId(),
                        answer.credentials().secretAccessKey(), answer.credentials().sessionToken(),
                        answer.credentials().expiration()));
    }

    /** ExecuteCommand on the task (ECS authorises it on the task and its cluster), and describing that task. */
    static String policy(RunningTask task) {
        return new JsonObject()
                .put("Version", "2012-10-17")
                .put("Statement", new JsonArray()
                        .add(new JsonObject()
                                .put("Effect", "Allow")
                                .put("Action", "ecs:ExecuteCommand")
                                .put("Resource", new JsonArray().add(task.taskArn()).add(task.clusterArn())))
                        .add(new JsonObject()
                                .put("Effect", "Allow")
                                .put("Action", "ecs:DescribeTasks")
                                .put("Resource", task.taskArn())))
                .encode();
    }
}
