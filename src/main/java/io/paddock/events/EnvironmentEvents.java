package io.paddock.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.Retention;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The environment events the database records (V21), streamed. Each open stream reads the table every
 * {@code paddock.events.poll-interval}, past its cursor, in the order of the transactions that wrote the events
 * and only once every older transaction has ended, so that no event is skipped whichever replica wrote it.
 */
@ApplicationScoped
public class EnvironmentEvents {

    private static final Logger LOG = Logger.getLogger(EnvironmentEvents.class);
    private static final int PAGE = 200;

    /* Where a stream without Last-Event-ID starts: past every transaction that has ended. */
    private static final String NOW = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS tx";

    private static final String NEXT = "SELECT seq, tx::text::bigint AS tx, at, organisation, application, env_name, "
            + "environment_id, status, previous_status, kind, operation_id, operation_type FROM environment_event "
            + "WHERE organisation = $1 AND (tx, seq) > ($2::text::xid8, $3) "
            + "AND tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx, seq LIMIT " + PAGE;

    /** The name {@link Retention} knows the stream's rows by. */
    public static final String RETAINED = "stream events";

    private static final String REMOVE_OLD = "DELETE FROM environment_event WHERE seq IN (SELECT seq FROM "
            + "environment_event WHERE at < now() - make_interval(secs => $1) ORDER BY seq LIMIT 10000)";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration pollInterval;

    @Produces
    static Retention.Rows retained(PaddockConfig config) {
        return new Retention.Rows(RETAINED, REMOVE_OLD, config.events().retention(), Duration.ofHours(1));
    }

    EnvironmentEvents(Pool pool, Vertx vertx, PaddockConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.pollInterval = config.events().pollInterval();
    }

    /** The cursor of a stream that starts now. */
    Uni<EventCursor> now() {
        return pool.query(NOW).execute().map(rows -> new EventCursor(rows.iterator().next().getLong("tx"), 0));
    }

    /**
     * The organisation's events past {@code from} that {@code shown} lets through, as they are written: the backlog
     * first (a stream that resumes), then each new one within a poll interval. Never completes; the subscriber
     * cancels it.
     */
    Multi<EnvironmentEvent> follow(String organisation, EventCursor from, Predicate<EnvironmentEvent> shown) {
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<EventCursor> cursor = new AtomicReference<>(from);
            AtomicBoolean reading = new AtomicBoolean();
            long timer = vertx.setPeriodic(0, pollInterval.toMillis(), id -> {
                if (!reading.compareAndSet(false, true)) {
                    return;
                }
                next(organisation, cursor.get())
                        .eventually(() -> reading.set(false))
                        .subscribe()
                        .with(read -> {
                            for (Read one : read) {
                                cursor.set(one.cursor());
                                if (shown.test(one.event())) {
                                    emitter.emit(one.event());
                                }
                            }
                        }, e -> LOG.warnf("event stream of %s: could not read events: %s", organisation, e.getMessage()));
            });
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }

    /** An event as read, with the cursor just past it. */
    private record Read(EventCursor cursor, EnvironmentEvent event) {
    }

    private Uni<List<Read>> next(String organisation, EventCursor cursor) {
        return pool.preparedQuery(NEXT)
                .execute(Tuple.of(organisation, String.valueOf(cursor.tx()), cursor.seq()))
                .map(rows -> {
                    List<Read> read = new ArrayList<>();
                    for (Row row : rows) {
                        EventCursor at = new EventCursor(row.getLong("tx"), row.getLong("seq"));
                        UUID operation = row.getUUID("operation_id");
                        read.add(new Read(at, new EnvironmentEvent(at.id(), row.getString("kind"),
                                row.getString("organisation"), row.getString("application"), row.getString("env_name"),
                                row.getUUID("environment_id").toString(), row.getString("status"),
                                row.getString("previous_status"), row.getOffsetDateTime("at").toString(),
                                operation == null ? null : operation.toString(), row.getString("operation_type"))));
                    }
                    return read;
                });
    }
}
