package io.paddock.reconcile;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.PaddockConfig;
import io.paddock.provisioning.Provisioning;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Removes what the cloud holds tagged with {@code paddock:environment-id} for an environment that no longer exists
 * in the database: a create whose answer came after a crash and after its environment was removed, a resource a
 * rollback's tag search could not see yet. Every {@code paddock.aws.orphan-sweep.interval}, one replica (they take
 * turns through the {@code orphan_sweep} row) asks the provider for every environment it holds resources for, and
 * for each whose row is gone deletes them in dependency order. An environment whose row exists, in whatever status
 * (one being created included), is never touched, and neither is anything without Paddock's tag. In dry run, it
 * only logs and counts what it would remove. Counted in {@code paddock_orphan_resources_total{outcome}}
 * ({@code removed}, {@code found} in dry run, {@code failed}).
 */
@ApplicationScoped
public class OrphanSweep {

    private static final Logger LOG = Logger.getLogger(OrphanSweep.class);

    /** What one sweep did. */
    public record Result(int found, int removed, int failed) {
    }

    private final Provisioning provisioning;
    private final Pool pool;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final PaddockConfig config;
    private long timer = -1;

    OrphanSweep(Provisioning provisioning, Pool pool, MeterRegistry metrics, Vertx vertx, PaddockConfig config) {
        this.provisioning = provisioning;
        this.pool = pool;
        this.metrics = metrics;
        this.vertx = vertx;
        this.config = config;
    }

    /** Only the aws provider's resources are shared with the rest of an account; the first sweep is one interval in. */
    void start(@Observes StartupEvent event) {
        Duration interval = config.aws().orphanSweep().interval();
        if (config.cloud().provider() == PaddockConfig.Cloud.Provider.AWS && config.reconciler().enabled()
                && !interval.isZero() && !interval.isNegative()) {
            timer = vertx.setPeriodic(interval.toMillis(), id -> sweepIfDue(interval)
                    .subscribe()
                    .with(ignored -> {
                    }, e -> LOG.warnf("orphan sweep failed: %s", e.getMessage())));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Sweeps unless another replica did within the interval (a tenth of it is left for timers that drift). */
    Uni<Result> sweepIfDue(Duration interval) {
        return pool.preparedQuery("UPDATE orphan_sweep SET swept_at = now() WHERE id = 1"
                        + " AND swept_at <= now() - make_interval(secs => $1) RETURNING id")
                .execute(Tuple.of(interval.toMillis() * 0.9 / 1000.0))
                .chain(claimed -> claimed.rowCount() == 0
                        ? Uni.createFrom().item(new Result(0, 0, 0))
                        : sweep(config.aws().orphanSweep().dryRun()));
    }

    /** One sweep, now. */
    public Uni<Result> sweep(boolean dryRun) {
        return provisioning.taggedEnvironments()
                .chain(tagged -> Multi.createFrom().iterable(tagged.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> sweep(entry.getKey(), entry.getValue(), dryRun))
                        .collect().asList()
                        .map(results -> results.stream().reduce(new Result(0, 0, 0), (a, b) -> new Result(
                                a.found() + b.found(), a.removed() + b.removed(), a.failed() + b.failed()))));
    }

    /** Asked right before deleting: a row written since the provider was asked keeps its resources. */
    private Uni<Result> sweep(UUID environmentId, int resources, boolean dryRun) {
        return pool.preparedQuery("SELECT 1 FROM application_environment WHERE id = $1")
                .execute(Tuple.of(environmentId))
                .chain(row -> {
                    if (row.rowCount() > 0) {
                        return Uni.createFrom().item(new Result(0, 0, 0));
                    }
                    if (dryRun) {
                        LOG.infof("orphan sweep (dry run): %d resources are tagged with environment %s, which no"
                                + " longer exists", resources, environmentId);
                        count("found", resources);
                        return Uni.createFrom().item(new Result(resources, 0, 0));
                    }
                    return provisioning.removeOrphans(environmentId)
                            .invoke(removed -> {
                                LOG.infof("orphan sweep: removed %d resources tagged with environment %s, which no"
                                        + " longer exists", removed, environmentId);
                                count("removed", removed);
                            })
                            .map(removed -> new Result(resources, removed, 0))
                            .onFailure().recoverWithItem(failure -> {
                                LOG.warnf("orphan sweep: resources of environment %s, which no longer exists, are left"
                                        + " for the next sweep: %s", environmentId, failure.getMessage());
                                count("failed", resources);
                                return new Result(resources, 0, resources);
                            });
                });
    }

    private void count(String outcome, int resources) {
        metrics.counter("paddock.orphan.resources", "outcome", outcome).increment(resources);
    }
}
