package io.paddock.provisioning.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.MetricsPort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The local cloud's CloudWatch metrics, computed from its simulated tasks over time. In each period a service has
 * its running tasks (its desired count once its last deployment settled, the count before it until then) and the
 * one-off tasks of its family that ran then; with none there is no datapoint, as in CloudWatch. A service task uses
 * 4-14 % CPU and 18-24 % memory, a one-off task 60 % and 30 %; the load balancer sends each service task 20-60
 * requests a minute, answered in 40-70 ms. Where in those ranges a period falls is a hash of the service and the
 * period, so the same question gets the same answer.
 */
@ApplicationScoped
@Typed(LocalMetrics.class)
public class LocalMetrics implements MetricsPort {

    private static final double MINUTE = 60.0;

    @Inject LocalCloud cloud;
    @Inject Pool pool;

    @Override
    public Uni<List<SeriesData>> getMetricData(MetricQuery query) {
        return cloud.call(CloudOperation.GET_METRIC_DATA, null, null, () -> {
            Uni<List<SeriesData>> all = Uni.createFrom().item(new ArrayList<>());
            for (Series series : query.series()) {
                all = all.chain(done -> series(query, series).map(data -> {
                    done.add(data);
                    return done;
                }));
            }
            return all;
        });
    }

    private Uni<SeriesData> series(MetricQuery query, Series series) {
        String serviceArn = series.dimensions().containsKey("ServiceName")
                ? cloud.arn("ecs", "service/" + series.dimensions().get("ClusterName") + "/"
                        + series.dimensions().get("ServiceName"))
                : null;
        String targetGroupArn = series.dimensions().containsKey("TargetGroup")
                ? cloud.arn("elasticloadbalancing", series.dimensions().get("TargetGroup"))
                : null;
        return pool.preparedQuery("SELECT id, attributes, created_at FROM local_cloud_resource WHERE type = 'service'"
                        + " AND (id = $1 OR attributes ->> 'targetGroupArn' = $2) LIMIT 1")
                .execute(Tuple.of(serviceArn, targetGroupArn))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(new SeriesData(series.id(), List.of(), List.of()));
                    }
                    Row service = rows.iterator().next();
                    String definition = service.getJsonObject("attributes").getString("taskDefinition");
                    String family = definition.substring(0, definition.lastIndexOf(':') + 1);
                    return pool.preparedQuery("SELECT started_at, stopped_at FROM local_cloud_run_task"
                                    + " WHERE starts_with(task_definition, $1) AND stopped_at >= $2 AND started_at < $3")
                            .execute(Tuple.of(family, java.time.Instant.ofEpochMilli(query.startTime())
                                    .atOffset(java.time.ZoneOffset.UTC), java.time.Instant.ofEpochMilli(query.endTime())
                                    .atOffset(java.time.ZoneOffset.UTC)))
                            .map(oneOff -> compute(query, series, service, oneOff));
                });
    }

    private static SeriesData compute(MetricQuery query, Series series, Row service, RowSet<Row> oneOff) {
        JsonObject attributes = service.getJsonObject("attributes");
        long created = service.getOffsetDateTime("created_at").toInstant().toEpochMilli();
        long settles = attributes.getLong("settlesAt", created);
        long periodMillis = query.period() * 1000L;
        List<Long> timestamps = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (long t = query.startTime() - Math.floorMod(query.startTime(), periodMillis); t < query.endTime();
                t += periodMillis) {
            long end = t + periodMillis;
            if (end <= created) {
                continue;
            }
            int tasks = end > settles ? attributes.getInteger("desiredCount", 0) : attributes.getInteger("runningCount", 0);
            int commands = 0;
            for (Row run : oneOff) {
                if (run.getOffsetDateTime("started_at").toInstant().toEpochMilli() < end
                        && run.getOffsetDateTime("stopped_at").toInstant().toEpochMilli() >= t) {
                    commands++;
                }
            }
            boolean balanced = series.namespace().equals("AWS/ApplicationELB");
            if (tasks + (balanced ? 0 : commands) == 0) {
                continue;
            }
            double noise = noise(service.getString("id") + "|" + series.metricName() + "|" + t);
            double samples = (balanced ? 1 : tasks + commands) * query.period() / MINUTE;
            double average = switch (series.metricName()) {
                case "CPUUtilization" -> (tasks * (4 + 10 * noise) + commands * 60.0) / (tasks + commands);
                case "MemoryUtilization" -> (tasks * (18 + 6 * noise) + commands * 30.0) / (tasks + commands);
                case "RequestCount" -> tasks * (20 + 40 * noise);
                case "TargetResponseTime" -> 0.04 + 0.03 * noise;
                default -> 0;
            };
            double value = switch (series.statistic()) {
                case "Sum" -> average * samples;
                case "SampleCount" -> samples;
                case "Maximum" -> series.unit().equals("Percent") ? Math.min(100, average * 1.4) : average * 1.4;
                case "Minimum" -> average * 0.6;
                default -> average;
            };
            timestamps.add(t);
            values.add(Math.round(value * 1000) / 1000.0);
        }
        return new SeriesData(series.id(), timestamps, values);
    }

    /** A number in [0, 1) that depends only on the key. */
    private static double noise(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return (ByteBuffer.wrap(digest).getLong() >>> 11) * 0x1.0p-53;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
