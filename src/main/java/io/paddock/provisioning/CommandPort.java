package io.paddock.provisioning;

import java.util.List;
import java.util.Map;

import io.paddock.provisioning.SchedulePort.TaskRun;
import io.smallrye.mutiny.Uni;

/**
 * One-off tasks: ECS RunTask from an environment's task definition with one container's command overridden, and
 * DescribeTasks to follow them. Each returned {@link Uni} completes on any thread and fails with
 * {@link ProviderException}.
 */
public interface CommandPort {

    /** RunTask (Fargate, the environment's subnets and security group); answers the task's ARN. */
    Uni<String> runTask(RunTaskRequest request);

    /**
     * DescribeTasks: the tasks of those ARNs the provider still knows (ECS forgets a stopped task after about an
     * hour), with {@code containerName}'s exit code. Their output is not read here: see {@link LogPort}.
     */
    Uni<List<TaskRun>> describeTasks(String clusterArn, List<String> taskArns, String containerName);

    /**
     * {@code clientToken} makes a repeat of the same request answer the task the first one started; {@code tags} go
     * on the task.
     */
    record RunTaskRequest(String clusterArn, String taskDefinitionArn, List<String> subnetIds,
            List<String> securityGroupIds, String containerName, List<String> command, Map<String, String> tags,
            String clientToken) {
    }
}
