package io.paddock.provisioning;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Short-lived credentials: to push and pull the organisation's images (ECR GetAuthorizationToken), and to open a shell
 * in one running task of an environment (the running tasks of its service, then STS AssumeRole of the shell role with
 * a session policy that allows ecs:ExecuteCommand on that task only). Each returned {@link Uni} completes on any
 * thread and fails with {@link ProviderException}. What they answer are secrets: never log them.
 */
public interface AccessPort {

    /** ECR GetAuthorizationToken: a docker login for the account's registry. */
    Uni<RegistryLogin> registryLogin();

    /** The running tasks of a service (ECS ListTasks and DescribeTasks), oldest first. */
    Uni<List<RunningTask>> runningTasks(String clusterArn, String serviceName);

    /** STS AssumeRole of the shell role, narrowed by a session policy to ExecuteCommand on this task. */
    Uni<ShellCredentials> shellCredentials(RunningTask task, String sessionName);

    record RegistryLogin(String username, String password, Instant expiresAt, String endpoint) {

        @Override
        public String toString() {
            return "RegistryLogin[username=" + username + ", password=<hidden>, expiresAt=" + expiresAt + ", endpoint="
                    + endpoint + "]";
        }
    }

    record RunningTask(String taskArn, String clusterArn, List<String> containerNames) {
    }

    record ShellCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

        @Override
        public String toString() {
            return "ShellCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + "]";
        }
    }
}
