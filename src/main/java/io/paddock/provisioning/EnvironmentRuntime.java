package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.CommandPort.RunTaskRequest;
import io.paddock.provisioning.LogPort.LogPage;
import io.paddock.provisioning.LogPort.LogQuery;
import io.paddock.provisioning.MetricsPort.MetricQuery;
import io.paddock.provisioning.MetricsPort.Series;
import io.paddock.provisioning.MetricsPort.SeriesData;
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

    @Inject LogPort logs;
    @Inject CommandPort commands;
    @Inject MetricsPort metrics;
    @Inject AccessPort access;
    @Inject CloudSite site;
    @Inject CloudCalls calls;

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

    /** The series of an environment: the service's CPU and memory, and its target group's requests when it has one. */
    public List<Series> series(Provisioned provisioned, List<String> statistics) {
        String cluster = provisioned.service().cluster();
        Map<String, String> service = new LinkedHashMap<>();
        service.put("ClusterName", cluster.substring(cluster.lastIndexOf('/') + 1));
        service.put("ServiceName", provisioned.service().name());
        List<Series> series = new ArrayList<>();
        add(series, "cpu", "AWS/ECS", "CPUUtilization", service, statistics, "Average", "Percent");
        add(series, "memory", "AWS/ECS", "MemoryUtilization", service, statistics, "Average", "Percent");
        if (provisioned.loadBalancer() != null) {
            String label = ProvisionedRefs.resourceLabel(site.listenerArn(), provisioned.loadBalancer());
            int split = label.indexOf("/targetgroup/");
            Map<String, String> targetGroup = new LinkedHashMap<>();
            targetGroup.put("TargetGroup", label.substring(split + 1));
            targetGroup.put("LoadBalancer", label.substring(0, split));
            add(series, "requests", "AWS/ApplicationELB", "RequestCount", targetGroup, statistics, "Sum", "Count");
            add(series, "response_time", "AWS/ApplicationELB", "TargetResponseTime", targetGroup, statistics, "Average", "Seconds");
        }
        return series;
    }

    /** One series per statistic, {@code <prefix>_<statistic>} (GetMetricData ids: a lower-case letter, then letters, digits, _). */
    private static void add(List<Series> series, String prefix, String namespace, String metric, Map<String, String> dimensions,
            List<String> statistics, String otherwise, String unit) {
        for (String statistic : statistics.isEmpty() ? List.of(otherwise) : statistics) {
            String id = prefix + "_" + statistic.toLowerCase(Locale.ROOT);
            series.add(new Series(id, namespace, metric, Map.copyOf(dimensions), statistic, unit));
        }
    }

    public Uni<List<SeriesData>> metrics(MetricQuery query) {
        return call(CloudOperation.GET_METRIC_DATA, () -> metrics.getMetricData(query));
    }

    public Uni<AccessPort.RegistryLogin> registryLogin() {
        return call(CloudOperation.GET_AUTHORIZATION_TOKEN, access::registryLogin);
    }

    public Uni<List<AccessPort.RunningTask>> runningTasks(String clusterArn, String serviceName) {
        return call(CloudOperation.LIST_TASKS, () -> access.runningTasks(clusterArn, serviceName));
    }

    public Uni<AccessPort.ShellCredentials> shellCredentials(AccessPort.RunningTask task, String sessionName) {
        return call(CloudOperation.ASSUME_ROLE, () -> access.shellCredentials(task, sessionName));
    }

    private <T> Uni<T> call(CloudOperation operation, Supplier<Uni<T>> call) {
        Executor caller = CallerContext.capture();
        return calls.call(operation, call).emitOn(caller);
    }
}
