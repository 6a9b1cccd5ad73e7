package io.paddock.provisioning;

import java.time.Duration;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A table's rows kept for a while and then removed by a timer: the audit trail, the event stream and the ended
 * operations each keep one. The statement takes the retention in seconds as {@code $1} and removes a bounded batch,
 * so that a long backlog never holds one long transaction; a batch that fails is logged and tried again at the next
 * tick.
 */
public final class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final Pool pool;
    private final Vertx vertx;
    private final String removeOld;
    private final Duration retention;
    private final Duration interval;
    private final String what;
    private long timer = -1;

    /**
     * @param removeOld the DELETE of a batch of rows older than {@code $1} seconds
     * @param what      how the log names the rows, e.g. "audit events"
     */
    public Retention(Pool pool, Vertx vertx, String removeOld, Duration retention, Duration interval, String what) {
        this.pool = pool;
        this.vertx = vertx;
        this.removeOld = removeOld;
        this.retention = retention;
        this.interval = interval;
        this.what = what;
    }

    /** Removes one batch of the rows older than the retention; answers how many. */
    public Uni<Integer> removeOld() {
        return pool.preparedQuery(removeOld)
                .execute(Tuple.of(retention.toMillis() / 1000.0))
                .map(rows -> rows.rowCount());
    }

    public void start() {
        timer = vertx.setPeriodic(interval.toMillis(), id -> removeOld()
                .subscribe()
                .with(removed -> {
                    if (removed > 0) {
                        LOG.infof("removed %d %s older than %s", removed, what, retention);
                    }
                }, e -> LOG.warnf("%s older than %s not removed: %s", what, retention, e.getMessage())));
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
