package io.paddock.operations;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Removes ended operations older than paddock.operations.retention, in the background; running ones always stay. */
@ApplicationScoped
public class OperationRetention {

    private static final Logger LOG = Logger.getLogger(OperationRetention.class);

    private static final String REMOVE_OLD = "DELETE FROM environment_operation WHERE id IN (SELECT id FROM "
            + "environment_operation WHERE ended_at < now() - make_interval(secs => $1) LIMIT 10000)";

    private final Pool pool;
    private final Vertx vertx;
    private final Duration retention;
    private final Duration interval;
    private long timer = -1;

    OperationRetention(Pool pool, Vertx vertx, PaddockConfig config) {
        this.pool = pool;
        this.vertx = vertx;
        this.retention = config.operations().retention();
        this.interval = config.operations().cleanupInterval();
    }

    /** Removes the ended operations older than the retention; answers how many. */
    public Uni<Integer> removeOld() {
        return pool.preparedQuery(REMOVE_OLD)
                .execute(Tuple.of(retention.toMillis() / 1000.0))
                .map(rows -> rows.rowCount());
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> removeOld()
                .subscribe()
                .with(removed -> {
                    if (removed > 0) {
                        LOG.infof("operations: removed %d ended before %s ago", removed, retention);
                    }
                }, e -> LOG.warnf("operations: old ones not removed: %s", e.getMessage())));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
