package io.paddock.operate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.PaddockConfig;
import io.paddock.environments.ApplicationEnvironmentRepository;
import io.paddock.environments.Compose;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.StoredJson;
import io.paddock.operate.OperateDtos.Datapoint;
import io.paddock.operate.OperateDtos.MetricView;
import io.paddock.operate.OperateDtos.MetricsView;
import io.paddock.provisioning.EnvironmentRuntime;
import io.paddock.provisioning.MetricsPort.MetricQuery;
import io.paddock.provisioning.MetricsPort.Series;
import io.paddock.provisioning.MetricsPort.SeriesData;
import io.paddock.provisioning.ProviderException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * An environment's metrics: its service's CPU and memory utilisation, and its target group's request count and
 * response time when it has one, read with one GetMetricData call. The time range and period are checked so that
 * the answer fits one call: at most {@link #MAX_DATAPOINTS} datapoints a series.
 */
@ApplicationScoped
public class MetricsService {

    static final int MAX_DATAPOINTS = 1440;
    static final Set<String> STATISTICS = Set.of("Average", "Maximum", "Minimum", "Sum", "SampleCount");
    private static final int MINUTE = 60;
    private static final int DAY = 86_400;

    @Inject ApplicationEnvironmentRepository environments;
    @Inject StoredJson json;
    @Inject EnvironmentRuntime runtime;
    @Inject PaddockConfig config;

    /** The query parameters as sent. */
    public record MetricsRequest(String startTime, String endTime, String period, String statistics,
            String containerName) {
    }

    public Uni<MetricsView> metrics(EnvironmentKey key, MetricsRequest request) {
        QueryProblems problems = new QueryProblems();
        Long start = problems.time("startTime", request.startTime(), true);
        Long end = problems.time("endTime", request.endTime(), true);
        TimeWindow window = TimeWindow.of(start, end, config.operate().defaultRange(),
                config.operate().maxMetricRange(), problems);
        int period = period(request.period(), window, problems);
        List<String> statistics = statistics(request.statistics(), problems);
        return Panache.withSession(() -> environments.findVisible(key))
                .map(key::found)
                .chain(env -> {
                    List<String> containers = json.compose(env.compose).containers().stream()
                            .map(Compose.Container::name).toList();
                    if (request.containerName() != null && !containers.contains(request.containerName())) {
                        problems.add("containerName", "is not a container of environment " + key.envName()
                                + "; send one of " + containers);
                    }
                    problems.check();
                    if (env.provisioned == null) {
                        return Uni.createFrom().item(new MetricsView(window.start(), window.end(), period, List.of()));
                    }
                    List<Series> series = runtime.series(json.provisioned(env.provisioned), statistics);
                    return runtime.metrics(new MetricQuery(series, window.start(), window.end(), period))
                            .onFailure(ProviderException.class).transform(f -> Refusals.of((ProviderException) f))
                            .map(data -> view(window, period, series, data));
                });
    }

    /** As given (whole minutes up to a day), else the smallest whole minutes that keep the series in one call. */
    private static int period(String given, TimeWindow window, QueryProblems problems) {
        long seconds = Math.max(1, (window.end() - window.start() + 999) / 1000);
        int fits = (int) Math.min(DAY, Math.max(MINUTE, ((seconds / MAX_DATAPOINTS) / MINUTE + 1) * MINUTE));
        if (given == null || given.isBlank()) {
            return fits;
        }
        Integer period = problems.integer("period", given, MINUTE, DAY, fits);
        if (period == null) {
            return fits;
        }
        if (period % MINUTE != 0) {
            problems.add("period", "must be whole minutes: a multiple of 60 seconds, e.g. 60 or 300");
        } else if ((seconds + period - 1) / period > MAX_DATAPOINTS) {
            problems.add("period", "gives more than " + MAX_DATAPOINTS + " datapoints a series over this range; send "
                    + fits + " or more, or a narrower range");
        }
        return period;
    }

    private static List<String> statistics(String given, QueryProblems problems) {
        List<String> statistics = new ArrayList<>();
        if (given == null || given.isBlank()) {
            return statistics;
        }
        for (String statistic : given.split(",")) {
            String name = statistic.trim();
            if (!STATISTICS.contains(name)) {
                problems.add("statistics", "must list CloudWatch statistics separated by commas, each one of "
                        + STATISTICS.stream().sorted().toList() + "; " + (name.isEmpty() ? "an empty one" : name)
                        + " is not");
                return statistics;
            }
            if (!statistics.contains(name)) {
                statistics.add(name);
            }
        }
        return statistics;
    }

    private static MetricsView view(TimeWindow window, int period, List<Series> series, List<SeriesData> data) {
        Map<String, SeriesData> byId = data.stream().collect(Collectors.toMap(SeriesData::id, Function.identity(),
                (a, b) -> a));
        List<MetricView> metrics = new ArrayList<>();
        for (Series one : series) {
            SeriesData found = byId.get(one.id());
            List<Datapoint> points = new ArrayList<>();
            if (found != null) {
                for (int i = 0; i < Math.min(found.timestamps().size(), found.values().size()); i++) {
                    points.add(new Datapoint(found.timestamps().get(i), found.values().get(i)));
                }
            }
            metrics.add(new MetricView(one.id(), one.namespace(), one.metricName(), one.dimensions(),
                    one.statistic(), one.unit(), points));
        }
        return new MetricsView(window.start(), window.end(), period, metrics);
    }
}
