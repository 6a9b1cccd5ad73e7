package io.paddock.provisioning;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * CloudWatch metrics: GetMetricData, every series of one query in one call. The returned {@link Uni} completes on any
 * thread and fails with {@link ProviderException}.
 */
public interface MetricsPort {

    Uni<List<SeriesData>> getMetricData(MetricQuery query);

    /** The series to read over [startTime, endTime) (ms since the epoch), one datapoint per {@code period} seconds. */
    record MetricQuery(List<Series> series, long startTime, long endTime, int period) {
    }

    /** One metric and statistic, by CloudWatch's names; {@code id} names it in the answer. */
    record Series(String id, String namespace, String metricName, Map<String, String> dimensions, String statistic,
            String unit) {
    }

    /** A series' datapoints, oldest first. */
    record SeriesData(String id, List<Long> timestamps, List<Double> values) {
    }
}
