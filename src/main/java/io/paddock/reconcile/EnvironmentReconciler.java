package io.paddock.reconcile;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.PaddockConfig;
import io.paddock.environments.ApplicationEnvironment;
import io.paddock.environments.EnvironmentCronJobs;
import io.paddock.environments.EnvironmentTransitions;
import io.paddock.environments.EnvironmentTransitions.Stranded;
import io.paddock.environments.ProvisioningPlans;
import io.paddock.environments.Settled;
import io.paddock.environments.StoredJson;
import io.paddock.errors.LogSafe;
import io.paddock.provisioning.Provisioning;
import io.paddock.provisioning.ProvisioningFailedException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;

/**
 * Finishes or undoes the work of replicas that died. Runs at start-up and then periodically, in every
 * replica; the take-over ({@link EnvironmentTransitions#takeOver}) makes sure one environment is worked on by
 * one replica at a time, and its fencing token that the replica that died can write nothing more. What an
 * interrupted operation leaves is made whole:
 * <ul>
 * <li>CREATING: rolled back from its ledger, then FAILED (as a create that failed);</li>
 * <li>DELETING: torn down to an empty ledger, then removed;</li>
 * <li>UPDATING: its stored compose is applied again and its cron jobs' schedules moved to the new revision, then
 * ACTIVE (or STOPPED when scaled to zero);</li>
 * <li>FAILED with resources left in its ledger (its rollback could not finish): those are torn down; it stays
 * FAILED.</li>
 * </ul>
 * A failure that retrying may cure (throttling, a timeout, a resource still in use) is tried again on a later pass,
 * after a wait that doubles with every failure in a row ({@code paddock.reconciler.initial-backoff}, up to
 * {@code max-backoff}). An interrupted change that still cannot be applied after
 * {@code paddock.reconciler.update-attempts} tries is given up: what the environment ran before it is put back and
 * the change recorded as failed. A terminal failure (the provider refused the request itself) is recorded on the
 * environment and not retried: a rollback ends FAILED with what is left in its ledger, a re-apply puts back what ran
 * before at once, a teardown stays as it is with the failure recorded and the reconciler leaves it alone. Each is
 * counted in {@code paddock_reconciler_terminal_failures_total}.
 *
 * <p>It also renews this replica's leases, and at shutdown lets in-flight work finish within the grace period
 * before releasing what is left to the other replicas.
 */
@ApplicationScoped
public class EnvironmentReconciler {

    private static final Logger LOG = Logger.getLogger(EnvironmentReconciler.class);

    @Inject EnvironmentTransitions transitions;
    @Inject Provisioning provisioning;
    @Inject EnvironmentCronJobs cronJobs;
    @Inject StoredJson json;
    @Inject MeterRegistry metrics;
    @Inject Vertx vertx;
    @Inject PaddockConfig paddock;
    @ConfigProperty(name = "quarkus.shutdown.timeout", defaultValue = "30s") Duration shutdownGrace;

    private long reconcileTimer = -1;
    private long renewTimer = -1;
    private volatile boolean stopping;

    private PaddockConfig.Reconciler config() {
        return paddock.reconciler();
    }

    void start(@Observes StartupEvent event) {
        metrics.gauge("paddock.environments.leases.held", transitions, EnvironmentTransitions::inFlight);
        long renewEvery = Math.max(1000, transitions.leaseDuration().toMillis() / 3);
        renewTimer = vertx.setPeriodic(renewEvery, id -> transitions.renewLeases().subscribe().with(ignored -> {
        }));
        if (config().enabled()) {
            reconcileTimer = vertx.setPeriodic(0, config().interval().toMillis(), id -> runOnce()
                    .subscribe()
                    .with(count -> {
                    }, e -> LOG.warnf("reconciler pass failed: %s", e.getMessage())));
        }
    }

    /**
     * One pass: takes over environments whose lease ran out and makes each whole, one after another. Answers
     * how many it handled.
     */
    public Uni<Integer> runOnce() {
        if (stopping) {
            return Uni.createFrom().item(0);
        }
        return transitions.takeOver(config().batchSize())
                .chain(stranded -> Multi.createFrom().iterable(stranded)
                        .onItem().transformToUniAndConcatenate(one -> reconcile(one).replaceWith(1))
                        .collect().asList()
                        .map(List::size));
    }

    private enum Action {
        ROLLBACK("rollback"), TEARDOWN("teardown"), REAPPLY("reapply"), RESTORE("restore"), CLEANUP("cleanup");

        private final String tag;

        Action(String tag) {
            this.tag = tag;
        }
    }

    private Action action(ApplicationEnvironment env) {
        return switch (env.status) {
            case CREATING -> Action.ROLLBACK;
            case DELETING -> Action.TEARDOWN;
            case FAILED -> Action.CLEANUP;
            default -> env.attempts < config().updateAttempts() ? Action.REAPPLY : Action.RESTORE;
        };
    }

    private Uni<Void> reconcile(Stranded stranded) {
        ApplicationEnvironment env = stranded.env();
        Action action = action(env);
        LOG.infof("reconciler: environment %s (%s/%s/%s) was left %s; %s (try %d)", env.id, LogSafe.text(env.organisation),
                LogSafe.text(env.application), LogSafe.text(env.envName), env.status, action.tag, env.attempts + 1);
        return attempt(stranded, action)
                .onFailure(ProvisioningFailedException::isTerminal)
                .recoverWithUni(failure -> stop(stranded, action, failure))
                .onFailure()
                .recoverWithUni(failure -> later(stranded, action, failure))
                .eventually(() -> transitions.letGo(stranded.fence()));
    }

    private Uni<Void> attempt(Stranded stranded, Action action) {
        ApplicationEnvironment env = stranded.env();
        Uni<Settled> work = switch (action) {
            case ROLLBACK -> provisioning.teardown(env.id, transitions.guard(stranded.fence()))
                    .chain(() -> transitions.createFailed(stranded.fence(),
                            "interrupted while being created; what had been made was removed", false));
            case TEARDOWN -> provisioning.teardown(env.id, transitions.guard(stranded.fence()))
                    .chain(() -> transitions.deleted(stranded.fence()));
            case CLEANUP -> provisioning.teardown(env.id, transitions.guard(stranded.fence()))
                    .chain(() -> transitions.cleanedUp(stranded));
            case REAPPLY -> reapply(stranded);
            case RESTORE -> restore(stranded, "the change could not be applied after " + env.attempts + " tries");
        };
        return work
                .invoke(settled -> count(action, settled == Settled.DONE ? "success" : "lease-lost"))
                .replaceWithVoid();
    }

    private Uni<Settled> reapply(Stranded stranded) {
        ApplicationEnvironment env = stranded.env();
        if (env.provisioned == null) {
            return transitions.reapplied(stranded, null);
        }
        return applyAndClean(stranded, env.compose, env.variables, env.desiredCount)
                .chain(provisioned -> transitions.reapplied(stranded, provisioned))
                .call(() -> followRevision(env));
    }

    /**
     * Puts back what the environment ran before its interrupted change (its previous compose and variables, at its
     * previous capacity) and records the change as failed.
     */
    private Uni<Settled> restore(Stranded stranded, String why) {
        ApplicationEnvironment env = stranded.env();
        String previous = env.previousCompose != null ? env.previousCompose : env.compose;
        String previousVariables = env.previousVariables != null ? env.previousVariables : env.variables;
        String reason = "interrupted, and " + why + "; the environment runs what it ran before the change";
        if (env.provisioned == null) {
            return transitions.restored(stranded, null, reason);
        }
        return applyAndClean(stranded, previous, previousVariables, env.desiredCount)
                .chain(provisioned -> transitions.restored(stranded, provisioned, reason))
                .call(() -> followRevision(env));
    }

    /**
     * Applies {@code compose} with {@code variables} to the environment's service; then what the interrupted change
     * made and never recorded goes (a task definition revision registered just before the crash, say). Answers what
     * is provisioned, as stored.
     */
    private Uni<String> applyAndClean(Stranded stranded, String compose, String variables, int desiredCount) {
        ApplicationEnvironment env = stranded.env();
        return provisioning.update(ProvisioningPlans.plan(env, json.compose(compose), json.variables(variables),
                        desiredCount, transitions.guard(stranded.fence())), json.provisioned(env.provisioned))
                .call(() -> provisioning.removeUnrecorded(env.id))
                .map(json::write);
    }

    /** A terminal failure: recorded on the environment, counted, and not retried. */
    private Uni<Void> stop(Stranded stranded, Action action, Throwable failure) {
        ApplicationEnvironment env = stranded.env();
        String reason = "the reconciler's " + action.tag + " stopped: " + failure.getMessage();
        LOG.errorf("reconciler: environment %s: %s failed terminally, not retried: %s", env.id, action.tag,
                LogSafe.text(failure.getMessage()));
        count(action, "terminal");
        metrics.counter("paddock.reconciler.terminal.failures", "action", action.tag).increment();
        Uni<Settled> recorded = switch (action) {
            case ROLLBACK -> transitions.createFailed(stranded.fence(), reason, true);
            case TEARDOWN, CLEANUP -> transitions.stalled(stranded, reason);
            // Trying the change again cannot cure it: what ran before it is put back at once.
            case REAPPLY -> restore(stranded, "applying it again failed: " + failure.getMessage())
                    .onFailure().recoverWithUni(restoreFailure -> transitions.abandoned(stranded, reason
                            + "; putting back what ran before also failed: " + restoreFailure.getMessage()));
            case RESTORE -> transitions.abandoned(stranded, reason);
        };
        return recorded.replaceWithVoid();
    }

    /** A failure a later try may cure: the environment waits longer after every failure in a row. */
    private Uni<Void> later(Stranded stranded, Action action, Throwable failure) {
        ApplicationEnvironment env = stranded.env();
        Duration wait = backoff(env.attempts);
        count(action, "failure");
        LOG.warnf("reconciler: environment %s not yet made whole (%s, try %d); the next try in %s: %s", env.id,
                action.tag, env.attempts + 1, wait, LogSafe.text(failure.getMessage()));
        return transitions.retryLater(stranded, wait)
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.warnf("reconciler: environment %s: could not record the failed try: %s", env.id,
                        e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    /** The wait before try {@code attempts + 2}: the initial backoff, doubled for every failure in a row, capped. */
    Duration backoff(int attempts) {
        Duration wait = config().initialBackoff();
        for (int i = 0; i < attempts && wait.compareTo(config().maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config().maxBackoff()) > 0 ? config().maxBackoff() : wait;
    }

    /**
     * The environment's cron job schedules moved to the revision just applied, as an update that was not
     * interrupted does. The cron jobs are read through Hibernate Reactive, which wants a safe Vert.x context
     * of its own; the reconciler's timer runs on a plain event-loop context.
     */
    private Uni<Void> followRevision(ApplicationEnvironment env) {
        Context isolated = VertxContext.createNewDuplicatedContext(vertx.getDelegate().getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(isolated, true);
        return Uni.createFrom().emitter(emitter -> isolated.runOnContext(ignored -> cronJobs.followRevision(env.id)
                .subscribe()
                .with(emitter::complete, emitter::fail)));
    }

    private void count(Action action, String outcome) {
        metrics.counter("paddock.reconciler.actions", "action", action.tag, "outcome", outcome).increment();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (reconcileTimer >= 0) {
            vertx.cancelTimer(reconcileTimer);
        }
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (transitions.busy() && System.nanoTime() < deadline) {
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
            int released = transitions.releaseAll().await().atMost(Duration.ofSeconds(5));
            if (released > 0 || transitions.busy()) {
                LOG.infof("shutdown: released %d environment leases to the other replicas", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("shutdown: could not release environment leases; they run out in %s: %s", config().lease(),
                    e.getMessage());
        }
    }
}
