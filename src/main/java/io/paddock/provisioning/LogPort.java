package io.paddock.provisioning;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * What an environment's containers wrote: CloudWatch Logs FilterLogEvents on its log group. Every container logs
 * to the group with the awslogs driver, its stream prefix the container's name, so a task's stream for a container
 * is {@code <container>/<container>/<task id>}. The returned {@link Uni} completes on any thread and fails with
 * {@link ProviderException}; a token the provider does not accept is {@code InvalidParameterException}.
 */
public interface LogPort {

    /** FilterLogEvents: the events of the group in [startTime, endTime] (ms since the epoch), oldest first. */
    Uni<LogPage> filterLogEvents(LogQuery query);

    /** The log group of an environment whose ECS service has this name. */
    static String logGroupOf(String serviceName) {
        return "/paddock/" + serviceName;
    }

    /** The prefix of every stream of one container: what its awslogs options name it. */
    static String streamPrefixOf(String containerName) {
        return containerName + "/" + containerName + "/";
    }

    /** The stream one task's container writes to. */
    static String streamOf(String containerName, String taskId) {
        return streamPrefixOf(containerName) + taskId;
    }

    /**
     * {@code streamPrefix} narrows to the streams whose names start with it (null: every stream);
     * {@code filterPattern} is CloudWatch Logs' pattern syntax (null: every event); {@code nextToken} is the
     * provider's token of the previous page (null: the first page).
     */
    record LogQuery(String logGroupName, String streamPrefix, long startTime, long endTime, String filterPattern,
            int limit, String nextToken) {
    }

    record LogEvent(long timestamp, String message, String logStreamName) {
    }

    /** {@code nextToken} is null on the last page. */
    record LogPage(List<LogEvent> events, String nextToken) {
    }
}
