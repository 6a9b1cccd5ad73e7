package io.paddock.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows kept for a while and then removed by a timer: a feature that keeps some (the audit trail, the event stream,
 * the ended operations) produces one {@link Rows}, and every one of them gets a timer here. Each tick removes a
 * bounded batch, so that a long backlog never holds one long transaction; a batch that fails is logged and tried
 * again at the next tick.
 */
@ApplicationScoped
public class Retention {

    /**
     * A table's retention.
     *
     * @param name      how the log and {@link #removeOld(String)} name the rows, e.g. "audit events"
     * @param removeOld the DELETE of a batch of the rows older than {@code $1} seconds
     */
    public record Rows(String name, String removeOld, Duration retention, Duration interval) {
    }

    private static final Logger LOG = Logger.getLogger(Retention.class);

    @Inject Pool pool;
    @Inject Vertx vertx;
    @Inject @Any Instance<Rows> all;

    private final List<Long> timers = new ArrayList<>();

    /** Removes one batch of the named rows older than their retention; answers how many. */
    public Uni<Integer> removeOld(String name) {
        return all.stream().filter(rows -> rows.name().equals(name)).findFirst()
                .map(this::removeOld)
                .orElseThrow(() -> new IllegalArgumentException("no retention of " + name));
    }

    private Uni<Integer> removeOld(Rows rows) {
        return pool.preparedQuery(rows.removeOld())
                .execute(Tuple.of(rows.retention().toMillis() / 1000.0))
                .map(result -> result.rowCount());
    }

    void start(@Observes StartupEvent event) {
        all.forEach(rows -> timers.add(vertx.setPeriodic(rows.interval().toMillis(), id -> removeOld(rows)
                .subscribe()
                .with(removed -> {
                    if (removed > 0) {
                        LOG.infof("removed %d %s older than %s", removed, rows.name(), rows.retention());
                    }
                }, e -> LOG.warnf("%s older than %s not removed: %s", rows.name(), rows.retention(), e.getMessage())))));
    }

    void stop(@Observes ShutdownEvent event) {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
    }
}
