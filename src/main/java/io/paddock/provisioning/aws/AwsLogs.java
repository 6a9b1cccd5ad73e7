package io.paddock.provisioning.aws;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.LogPort;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsAsyncClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * FilterLogEvents on an environment's log group. A log group that does not exist yet (no container has logged)
 * answers no events rather than a failure: the group is made with the environment, so a missing one means nothing
 * was written to it.
 */
@Singleton
@Typed(AwsLogs.class)
public class AwsLogs implements LogPort {

    @Inject CloudWatchLogsAsyncClient logs;
    @Inject AwsCalls calls;

    @Override
    public Uni<LogPage> filterLogEvents(LogQuery query) {
        return calls.call(CloudOperation.FILTER_LOG_EVENTS, () -> logs.filterLogEvents(filter -> filter
                        .logGroupName(query.logGroupName())
                        .logStreamNamePrefix(query.streamPrefix())
                        .startTime(query.startTime())
                        .endTime(query.endTime())
                        .filterPattern(query.filterPattern())
                        .limit(query.limit())
                        .nextToken(query.nextToken())))
                .map(answer -> new LogPage(answer.events().stream().map(AwsLogs::event).toList(),
                        answer.nextToken()))
                .onFailure(AwsCalls.code("ResourceNotFoundException"))
                .recoverWithItem(new LogPage(java.util.List.of(), null));
    }

    private static LogEvent event(FilteredLogEvent event) {
        return new LogEvent(event.timestamp() == null ? 0 : event.timestamp(), event.message(), event.logStreamName());
    }
}
