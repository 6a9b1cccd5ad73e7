package io.paddock.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.Retention;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Removes ended operations older than paddock.operations.retention, in the background; running ones always stay. */
@ApplicationScoped
public class OperationRetention {

    private static final String REMOVE_OLD = "DELETE FROM environment_operation WHERE id IN (SELECT id FROM "
            + "environment_operation WHERE ended_at < now() - make_interval(secs => $1) LIMIT 10000)";

    private final Retention retention;

    OperationRetention(Pool pool, Vertx vertx, PaddockConfig config) {
        this.retention = new Retention(pool, vertx, REMOVE_OLD, config.operations().retention(),
                config.operations().cleanupInterval(), "ended operations");
    }

    /** Removes the ended operations older than the retention; answers how many. */
    public Uni<Integer> removeOld() {
        return retention.removeOld();
    }

    void start(@Observes StartupEvent event) {
        retention.start();
    }

    void stop(@Observes ShutdownEvent event) {
        retention.stop();
    }
}
