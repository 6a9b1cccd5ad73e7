package io.paddock.provisioning;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.CommandPort.RunTaskRequest;
import io.paddock.provisioning.LogPort.LogPage;
import io.paddock.provisioning.LogPort.LogQuery;
import io.paddock.provisioning.SchedulePort.TaskRun;
import io.paddock.web.CallerContext;
import io.smallrye.mutiny.Uni;

/**
 * A running environment, read and operated through the configured provider's ports: its logs, its one-off tasks,
 * its metrics, and short-lived access to its registry and its tasks. Nothing here is recorded in the ledger: a
 * one-off task ends by itself and credentials expire. Every call has the call timeout, answers on the caller's
 * Vert.x context, and fails with the provider's {@link ProviderException} (the caller decides what a refusal means
 * for its request).
 */
@ApplicationScoped
public class EnvironmentRuntime {

    @Inject
    LogPort logs;
    @Inject
    CommandPort commands;
    @Inject
    CloudCalls calls;

    public Uni<LogPage> logs(LogQuery query) {
        return call(CloudOperation.FILTER_LOG_EVENTS, () -> logs.filterLogEvents(query));
    }

    /** Starts a one-off task; answers its ARN. */
    public Uni<String> runTask(RunTaskRequest request) {
        return call(CloudOperation.RUN_TASK, () -> commands.runTask(request));
    }

    public Uni<List<TaskRun>> describeTasks(String clusterArn, List<String> taskArns, String containerName) {
        return call(CloudOperation.DESCRIBE_TASKS, () -> commands.describeTasks(clusterArn, taskArns, containerName));
    }

    private <T> Uni<T> call(CloudOperation operation, Supplier<Uni<T>> call) {
        Executor caller = CallerContext.capture();
        return calls.call(operation, call).emitOn(caller);
    }
}
