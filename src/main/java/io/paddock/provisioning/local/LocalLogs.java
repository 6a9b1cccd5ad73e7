package io.paddock.provisioning.local;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.LogPort;
import io.paddock.provisioning.ProviderException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The local cloud's CloudWatch Logs: events its simulated services, tasks and commands write
 * ({@code local_cloud_log_event}), read as FilterLogEvents reads them. An event is visible once its time has come
 * (a simulated task writes its whole run when it starts, each line at the time it is written). Filter patterns
 * take CloudWatch's term syntax: terms that must all occur, {@code "quoted phrases"}, {@code -term} for terms that
 * must not, and {@code ?term ?term} for any of them; JSON and space-delimited patterns are refused as
 * CloudWatch refuses a pattern it cannot parse. The page token is the position of the last event of the page.
 */
@ApplicationScoped
@Typed(LocalLogs.class)
public class LocalLogs implements LogPort {

    @Inject LocalCloud cloud;
    @Inject Pool pool;

    /** Appends events to a stream of a group (a group the inventory does not hold takes them too, as a sink). */
    public Uni<Void> write(String logGroupName, String logStreamName, List<LogEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>();
        for (LogEvent event : events) {
            rows.add(Tuple.of(logGroupName, logStreamName, event.timestamp(), event.message()));
        }
        return pool.preparedQuery("INSERT INTO local_cloud_log_event (log_group, log_stream, event_time, message)"
                        + " VALUES ($1, $2, $3, $4)")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** Removes a deleted group's events. */
    Uni<Void> forget(String logGroupName) {
        return pool.preparedQuery("DELETE FROM local_cloud_log_event WHERE log_group = $1")
                .execute(Tuple.of(logGroupName))
                .replaceWithVoid();
    }

    @Override
    public Uni<LogPage> filterLogEvents(LogQuery query) {
        CloudOperation operation = CloudOperation.FILTER_LOG_EVENTS;
        return cloud.call(operation, null, null, () -> {
            List<Object> params = new ArrayList<>();
            StringBuilder sql = new StringBuilder("SELECT seq, log_stream, event_time, message FROM local_cloud_log_event"
                    + " WHERE log_group = $1 AND event_time >= $2 AND event_time <= $3");
            params.add(query.logGroupName());
            params.add(query.startTime());
            params.add(Math.min(query.endTime(), System.currentTimeMillis()));
            if (query.streamPrefix() != null) {
                params.add(query.streamPrefix());
                sql.append(" AND starts_with(log_stream, $").append(params.size()).append(')');
            }
            if (query.nextToken() != null) {
                long[] position = position(operation, query.nextToken());
                params.add(position[0]);
                params.add(position[1]);
                sql.append(" AND (event_time, seq) > ($").append(params.size() - 1).append(", $")
                        .append(params.size()).append(')');
            }
            if (query.filterPattern() != null && !query.filterPattern().isBlank()) {
                sql.append(LocalLogPatterns.where(operation, query.filterPattern(), params));
            }
            params.add(query.limit() + 1);
            sql.append(" ORDER BY event_time, seq LIMIT $").append(params.size());
            return pool.preparedQuery(sql.toString())
                    .execute(Tuple.from(params))
                    .map(rows -> {
                        List<LogEvent> events = new ArrayList<>();
                        String next = null;
                        long lastTime = 0;
                        long lastSeq = 0;
                        for (Row row : rows) {
                            if (events.size() == query.limit()) {
                                next = lastTime + ":" + lastSeq;
                                break;
                            }
                            lastTime = row.getLong("event_time");
                            lastSeq = row.getLong("seq");
                            events.add(new LogEvent(lastTime, row.getString("message"), row.getString("log_stream")));
                        }
                        return new LogPage(events, next);
                    });
        });
    }

    private static long[] position(CloudOperation operation, String token) {
        int colon = token.indexOf(':');
        try {
            return new long[] { Long.parseLong(token.substring(0, colon)), Long.parseLong(token.substring(colon + 1)) };
        } catch (RuntimeException e) {
            throw ProviderException.refused(operation, "InvalidParameterException", "The specified nextToken is invalid.");
        }
    }
}
