package io.paddock.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.Retention;

/** Removes ended operations older than paddock.operations.retention, in the background; running ones always stay. */
@ApplicationScoped
public class OperationRetention {

    private static final String REMOVE_OLD = "DELETE FROM environment_operation WHERE id IN (SELECT id FROM "
            + "environment_operation WHERE ended_at < now() - make_interval(secs => $1) LIMIT 10000)";

    @Produces
    static Retention.Rows retained(PaddockConfig config) {
        return new Retention.Rows("ended operations", REMOVE_OLD, config.operations().retention(),
                config.operations().cleanupInterval());
    }
}
