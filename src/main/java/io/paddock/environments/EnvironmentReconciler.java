package io.paddock.environments;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.PaddockConfig;
import io.paddock.errors.LogSafe;
import io.paddock.provisioning.EnvironmentPlan;
import io.paddock.provisioning.Provisioning;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Finishes or undoes the work of replicas that died. Runs at start-up and then periodically, in every
 * replica; the lease claim ({@link EnvironmentLeases#claimExpired}) makes sure one environment is worked
 * on by one replica at a time. What an interrupted operation leaves is made whole:
 * <ul>
 * <li>CREATING: rolled back from its ledger, then FAILED (as a create that failed);</li>
 * <li>DELETING: torn down to an empty ledger, then removed;</li>
 * <li>UPDATING: its stored compose is applied again and its cron jobs' schedules moved to the new revision, then
 * ACTIVE (or STOPPED when scaled to zero).</li>
 * </ul>
 * It also renews this replica's leases, and at shutdown lets in-flight work finish within the grace
 * period before releasing what is left to the other replicas.
 */
@ApplicationScoped
public class EnvironmentReconciler {

    private static final Logger LOG = Logger.getLogger(EnvironmentReconciler.class);

    private final EnvironmentLeases leases;
    private final ApplicationEnvironmentRepository environments;
    private final Provisioning provisioning;
    private final CronJobService cronJobs;
    private final Pool pool;
    private final StoredJson json;
    private final MeterRegistry metrics;
    private final Vertx vertx;
    private final PaddockConfig.Reconciler config;
    private final Duration shutdownGrace;
    private long reconcileTimer = -1;
    private long renewTimer = -1;
    private volatile boolean stopping;

    EnvironmentReconciler(EnvironmentLeases leases, ApplicationEnvironmentRepository environments,
            Provisioning provisioning, CronJobService cronJobs, Pool pool, StoredJson json, MeterRegistry metrics,
            Vertx vertx, PaddockConfig config,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "30s")
            Duration shutdownGrace) {
        this.leases = leases;
        this.environments = environments;
        this.provisioning = provisioning;
        this.cronJobs = cronJobs;
        this.pool = pool;
        this.json = json;
        this.metrics = metrics;
        this.vertx = vertx;
        this.config = config.reconciler();
        this.shutdownGrace = shutdownGrace;
        metrics.gauge("paddock.environments.leases.held", leases, EnvironmentLeases::inFlight);
    }

    void start(@Observes StartupEvent event) {
        long renewEvery = Math.max(1000, config.lease().toMillis() / 3);
        renewTimer = vertx.setPeriodic(renewEvery, id -> leases.renew().subscribe().with(ignored -> {
        }));
        if (config.enabled()) {
            reconcileTimer = vertx.setPeriodic(0, config.interval().toMillis(), id -> runOnce()
                    .subscribe()
                    .with(count -> {
                    }, e -> LOG.warnf("reconciler pass failed: %s", e.getMessage())));
        }
    }

    /**
     * One pass: claims environments whose lease ran out and makes each whole, one after another. Answers
     * how many it handled.
     */
    public Uni<Integer> runOnce() {
        if (stopping) {
            return Uni.createFrom().item(0);
        }
        return leases.claimExpired(config.batchSize())
                .chain(rows -> Multi.createFrom().iterable(rows)
                        .onItem().transformToUniAndConcatenate(row -> reconcile(row).replaceWith(1))
                        .collect().asList()
                        .map(List::size));
    }

    private Uni<Void> reconcile(Row row) {
        UUID id = row.getUUID("id");
        String status = row.getString("status");
        String action = switch (status) {
            case "CREATING" -> "rollback";
            case "DELETING" -> "teardown";
            default -> "reapply";
        };
        LOG.infof("reconciler: environment %s (%s/%s/%s) was left %s; %s", id, LogSafe.text(row.getString("organisation")),
                LogSafe.text(row.getString("application")), LogSafe.text(row.getString("env_name")), status, action);
        Uni<Void> work = switch (status) {
            case "CREATING" -> provisioning.teardown(id)
                    .chain(() -> environments.settleCreating(id, leases.owner(), EnvironmentStatus.FAILED, null,
                            "interrupted while being created; what had been made was removed",
                            OffsetDateTime.now(ZoneOffset.UTC)))
                    .replaceWithVoid();
            case "DELETING" -> provisioning.teardown(id)
                    .chain(() -> execute("DELETE FROM application_environment WHERE id = $1 AND lease_owner = $2",
                            Tuple.of(id, leases.owner())));
            default -> reapply(row);
        };
        return work
                .invoke(() -> count(action, "success"))
                .onFailure()
                .invoke(e -> {
                    count(action, "failure");
                    LOG.warnf("reconciler: environment %s not yet made whole (%s); a later pass tries again: %s", id, action,
                            LogSafe.text(e.getMessage()));
                })
                .onFailure()
                .recoverWithNull()
                .eventually(() -> leases.forget(id));
    }

    private Uni<Void> reapply(Row row) {
        UUID id = row.getUUID("id");
        String provisionedJson = row.getString("provisioned");
        Uni<String> applied;
        if (provisionedJson == null) {
            applied = Uni.createFrom().nullItem();
        } else {
            Compose compose = json.compose(row.getString("compose"));
            EnvironmentPlan plan = new EnvironmentPlan(id, row.getString("organisation"), row.getString("application"),
                    row.getString("env_name"), compose, row.getInteger("desired_count"));
            // After the update, what the interrupted one made and never recorded goes (a task definition
            // revision registered just before the crash, say).
            applied = provisioning.update(plan, json.provisioned(provisionedJson))
                    .call(() -> provisioning.removeUnrecorded(id))
                    .map(json::write);
        }
        return applied.chain(provisioned -> execute("UPDATE application_environment SET "
                + "provisioned = COALESCE($3, provisioned), "
                + "status = CASE WHEN desired_count = 0 THEN 'STOPPED' ELSE 'ACTIVE' END, "
                + "lease_owner = NULL, lease_expires_at = NULL, version = version + 1, updated_at = now() "
                + "WHERE id = $1 AND lease_owner = $2", Tuple.of(id, leases.owner(), provisioned)))
                .call(() -> provisionedJson == null ? Uni.createFrom().voidItem() : followRevision(id));
    }

    /**
     * The environment's cron job schedules moved to the revision just applied, as an update that was not
     * interrupted does. The cron jobs are read through Hibernate Reactive, which wants a safe Vert.x context
     * of its own; the reconciler's timer runs on a plain event-loop context.
     */
    private Uni<Void> followRevision(UUID id) {
        Context isolated = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(isolated, true);
        return Uni.createFrom().emitter(emitter -> isolated.runOnContext(ignored -> cronJobs.followRevision(id)
                .subscribe()
                .with(emitter::complete, emitter::fail)));
    }

    private Uni<Void> execute(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).replaceWithVoid();
    }

    private void count(String action, String outcome) {
        metrics.counter("paddock.reconciler.actions", "action", action, "outcome", outcome).increment();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (reconcileTimer >= 0) {
            vertx.cancelTimer(reconcileTimer);
        }
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (leases.busy() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (renewTimer >= 0) {
            vertx.cancelTimer(renewTimer);
        }
        try {
            int released = leases.releaseAll().await().atMost(Duration.ofSeconds(5));
            if (released > 0 || leases.busy()) {
                LOG.infof("shutdown: released %d environment leases to the other replicas", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("shutdown: could not release environment leases; they run out in %s: %s", config.lease(), e.getMessage());
        }
    }
}
