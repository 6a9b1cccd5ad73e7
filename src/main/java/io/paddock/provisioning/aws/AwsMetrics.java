package io.paddock.provisioning.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.MetricsPort;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * CloudWatch GetMetricData: one MetricDataQuery per series, all in one call, oldest datapoints first. A query is
 * bounded (by its caller) to fewer datapoints than one answer holds, so there is no next page to follow.
 */
@Singleton
@Typed(AwsMetrics.class)
public class AwsMetrics implements MetricsPort {

    @Inject CloudWatchAsyncClient cloudWatch;
    @Inject AwsCalls calls;

    @Override
    public Uni<List<SeriesData>> getMetricData(MetricQuery query) {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (Series series : query.series()) {
            List<Dimension> dimensions = series.dimensions().entrySet().stream()
                    .map(d -> Dimension.builder().name(d.getKey()).value(d.getValue()).build())
                    .toList();
            queries.add(MetricDataQuery.builder()
                    .id(series.id())
                    .returnData(true)
                    .metricStat(stat -> stat
                            .metric(metric -> metric.namespace(series.namespace()).metricName(series.metricName())
                                    .dimensions(dimensions))
                            .period(query.period())
                            .stat(series.statistic()))
                    .build());
        }
        return calls.call(CloudOperation.GET_METRIC_DATA, () -> cloudWatch.getMetricData(get -> get
                        .metricDataQueries(queries)
                        .startTime(Instant.ofEpochMilli(query.startTime()))
                        .endTime(Instant.ofEpochMilli(query.endTime()))
                        .scanBy(ScanBy.TIMESTAMP_ASCENDING)))
                .map(answer -> answer.metricDataResults().stream().map(AwsMetrics::data).toList());
    }

    private static SeriesData data(MetricDataResult result) {
        return new SeriesData(result.id(), result.timestamps().stream().map(Instant::toEpochMilli).toList(),
                List.copyOf(result.values()));
    }
}
