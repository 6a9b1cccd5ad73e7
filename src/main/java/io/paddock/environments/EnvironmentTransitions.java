package io.paddock.environments;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.catalog.CatalogEnvironmentRepository;
import io.paddock.catalog.ProjectCounts;
import io.paddock.environments.Admission.Admitted;
import io.paddock.provisioning.ResourceLedger;
import io.paddock.provisioning.StepGuard;
import io.paddock.web.CurrentOperation;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The one owner of an environment's lifecycle: every write of its status, its lease and fencing token, goes
 * through here, along the moves {@link Transition} allows. Services and the reconciler ask for a move and get
 * a typed answer ({@link Admission}, {@link Claim}, {@link Settled}), or a {@link TransitionRefused}.
 *
 * <p>A move that starts work (CREATE, CHANGE, DELETE, TAKE_OVER) gives its holder a lease with a fresh fencing
 * token; the moves that end the work name that token in their statement, so a holder whose lease a reconciler
 * took over writes nothing. Outcome writes are single SQL statements, their own transaction each
 * ({@link TransitionStatements}).
 */
@ApplicationScoped
public class EnvironmentTransitions {

    @Inject TransitionStatements statements;
    @Inject EnvironmentLeases leases;
    @Inject ApplicationEnvironmentRepository repository;
    @Inject CatalogEnvironmentRepository catalog;
    @Inject ResourceLedger ledger;
    @Inject OperationStatements operations;
    @Inject StepRecords steps;
    @Inject RunningCounts counts;
    @Inject ProjectCounts projectCounts;

    // ---- CREATE, CREATED, CREATE_FAILED

    /**
     * CREATE: records {@code env} (its settings and compose filled in) as CREATING with a lease, unless the
     * application has a live environment of that name (regardless of case), a FAILED one of that name still has
     * leftovers in its ledger, its catalog stage is disabled, or the application has {@code limit} live
     * environments. A FAILED namesake without leftovers gives way. One statement under the application's lock.
     */
    public Uni<Admission> admit(ApplicationEnvironment env, int limit) {
        OperationStatements.Started op = operations.start(OperationType.CREATE);
        Fence fence = Fence.fresh(env.id, op.id());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        env.status = EnvironmentStatus.CREATING;
        env.createdAt = now;
        env.updatedAt = now;
        hold(env, fence);
        return statements.admit(env, fence, limit, op)
                .invoke(admission -> {
                    if (admission instanceof Admitted) {
                        projectCounts.forget(env.envName);
                        started(fence, op);
                    }
                });
    }

    /** CREATED: the create's resources are all there. */
    public Uni<Settled> created(Fence fence, String provisioned) {
        return settle(fence, Transition.CREATED, Outcome.in(EnvironmentStatus.ACTIVE).withProvisioned(provisioned), null,
                false);
    }

    /** CREATE_FAILED: a step failed and was undone (or {@code terminal}: the undo stopped, the ledger keeps the rest). */
    public Uni<Settled> createFailed(Fence fence, String reason, boolean terminal) {
        return settle(fence, Transition.CREATE_FAILED, Outcome.in(EnvironmentStatus.FAILED), reason, terminal);
    }

    // ---- CHANGE, CHANGED, CHANGE_UNDONE

    /**
     * CHANGE: claims the environment {@code key} names for {@code change}, in one transaction under its row lock.
     * {@code underLock} runs on the row as read (it may refuse with an exception, or change the compose and
     * capacity the change brings); then the environment is UPDATING with this holder's lease.
     */
    public Uni<Claim> claim(EnvironmentKey key, Change change, Consumer<ApplicationEnvironment> underLock) {
        OperationStatements.Started op = operations.start(change.operation());
        return Panache.withTransaction(() -> repository.findVisibleForUpdate(key)
                .chain(env -> {
                    key.found(env);
                    require(Transition.CHANGE, change, env);
                    Claim.Before before = Claim.Before.of(env);
                    env.previousCompose = env.compose;
                    env.previousMinCapacity = env.minCapacity;
                    env.previousMaxCapacity = env.maxCapacity;
                    env.previousVariables = env.variables;
                    env.attempts = 0;
                    underLock.accept(env);
                    Fence fence = Fence.fresh(env.id, op.id());
                    env.status = EnvironmentStatus.UPDATING;
                    env.failureTerminal = false;
                    env.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
                    hold(env, fence);
                    return operations.begin(op, env, false).replaceWith(new Claim(env, fence, before));
                }))
                .invoke(claim -> started(claim.fence(), op));
    }

    /** CHANGED: the change is done, with what it wrote. */
    public Uni<Settled> changed(Claim claim, Outcome outcome) {
        return settle(claim.fence(), Transition.CHANGED, outcome, null, false);
    }

    /** CHANGE_UNDONE: the change failed; the status, compose, capacity and variables it had before come back. */
    public Uni<Settled> undo(Claim claim, String failure) {
        Claim.Before before = claim.before();
        Outcome restored = Outcome.in(before.status()).withCompose(before.compose()).withVariables(before.variables());
        return settle(claim.fence(), Transition.CHANGE_UNDONE, restored, before.minCapacity(), before.maxCapacity(),
                failure, false);
    }

    /**
     * The environment {@code key} names, locked for the rest of the caller's transaction, if {@code change} may be
     * made to it now; its status stays. For changes that need no cloud work of the environment's own (cron jobs):
     * their operation is recorded as SUCCEEDED in the caller's transaction, so it stands only if the change does.
     */
    public Uni<ApplicationEnvironment> lockFor(EnvironmentKey key, Change change) {
        OperationStatements.Started op = operations.start(change.operation());
        return repository.findVisibleForUpdate(key)
                .chain(env -> {
                    key.found(env);
                    require(Transition.CHANGE, change, env);
                    return operations.begin(op, env, true).replaceWith(env);
                })
                .invoke(() -> CurrentOperation.started(op.id()));
    }

    private static void require(Transition transition, Change change, ApplicationEnvironment env) {
        boolean allowed = transition.allowedFrom(env.status)
                && !(change.activeOnly() && env.status != EnvironmentStatus.ACTIVE);
        if (!allowed) {
            throw TransitionRefused.of(transition, change, env.envName, env.status);
        }
    }

    // ---- DELETE, DISCARD, DELETED, DELETE_STALLED

    /** What a delete did: the environment is DELETING under this holder's lease, or (FAILED) it is gone. */
    public sealed interface Deletion {

        record Deleting(ApplicationEnvironment env, Fence fence) implements Deletion {
        }

        record Discarded() implements Deletion {
        }
    }

    /**
     * DELETE or DISCARD of the environment {@code key} names, in one transaction under its row lock: a FAILED one
     * goes at once (nothing of it runs), or when its ledger still holds resources, becomes DELETING to have them
     * torn down first; one whose catalog stage is protected, or that is still being created or changed, is
     * refused; any other becomes DELETING with this holder's lease.
     */
    public Uni<Deletion> beginDelete(EnvironmentKey key) {
        OperationStatements.Started op = operations.start(OperationType.DELETE);
        return Panache.withTransaction(() -> repository.findVisibleForUpdate(key)
                .chain(env -> {
                    key.found(env);
                    if (!Transition.DELETE.allowedFrom(env.status)) {
                        throw TransitionRefused.ofDelete(key.envName(), env.status);
                    }
                    if (env.status == EnvironmentStatus.FAILED) {
                        // Nothing of a failed environment runs, whatever its stage: its row goes, once its
                        // leftovers (what its rollback could not delete) are gone.
                        // Its operation ends with the row (V22), in this transaction.
                        return ledger.entries(env.id)
                                .chain(leftovers -> leftovers.isEmpty()
                                        ? operations.begin(op, env, false).chain(() -> repository.delete(env))
                                                .replaceWith((Deletion) new Deletion.Discarded())
                                        : begun(deleting(env, op), op));
                    }
                    return catalog.rulesFor(key.envName())
                            .chain(rules -> {
                                if (rules.forbidsDeletion()) {
                                    throw TransitionRefused.protectedStage(key.envName(), env.status);
                                }
                                return begun(deleting(env, op), op);
                            });
                }))
                .invoke(deletion -> {
                    if (deletion instanceof Deletion.Deleting deleting) {
                        projectCounts.forget(deleting.env().envName);
                        started(deleting.fence(), op);
                    } else {
                        CurrentOperation.started(op.id());
                    }
                });
    }

    private Uni<Deletion> begun(Deletion.Deleting deleting, OperationStatements.Started op) {
        return operations.begin(op, deleting.env(), false).replaceWith(deleting);
    }

    private Deletion.Deleting deleting(ApplicationEnvironment env, OperationStatements.Started op) {
        Fence fence = Fence.fresh(env.id, op.id());
        env.status = EnvironmentStatus.DELETING;
        env.failureTerminal = false;
        env.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        hold(env, fence);
        return new Deletion.Deleting(env, fence);
    }

    /** DELETED: the teardown is done; the row goes. */
    public Uni<Settled> deleted(Fence fence) {
        return statements.remove(fence, Transition.DELETED)
                .eventually(() -> leases.forget(fence.environmentId()));
    }

    /**
     * STALLED: a teardown (of a DELETING environment, or of a FAILED one's leftovers) met a terminal failure; it is
     * recorded and the reconciler leaves the row alone.
     */
    public Uni<Settled> stalled(Stranded stranded, String reason) {
        EnvironmentStatus status = stranded.env().status;
        if (!Transition.STALLED.allowedFrom(status)) {
            return Uni.createFrom().item(Settled.LEASE_LOST);
        }
        return settle(stranded.fence(), Transition.STALLED, Outcome.in(status), reason, true);
    }

    // ---- TAKE_OVER, and the leases

    /** An environment whose work a replica left unfinished, now held by this one. */
    public record Stranded(ApplicationEnvironment env, Fence fence) {
    }

    /**
     * TAKE_OVER: up to {@code limit} environments with work in flight whose lease ran out (or that never had one),
     * and FAILED ones whose ledger still holds resources, each with a new fencing token. Rows another replica is
     * taking over at the same moment are skipped, so no environment is worked on twice. A terminal failure already
     * recorded keeps its environment out.
     */
    public Uni<List<Stranded>> takeOver(int limit) {
        return statements.takeOver(leases.owner(), leases.seconds(), limit)
                .invoke(stranded -> stranded.forEach(one -> leases.held(one.env().id, one.fence().token())));
    }

    /** CHANGED after a take-over: an interrupted change applied again ends ACTIVE, or STOPPED when scaled to zero. */
    public Uni<Settled> reapplied(Stranded stranded, String provisioned) {
        EnvironmentStatus status = stranded.env().desiredCount == 0 ? EnvironmentStatus.STOPPED : EnvironmentStatus.ACTIVE;
        return settle(stranded.fence(), Transition.CHANGED, Outcome.in(status).withProvisioned(provisioned), null, false);
    }

    /**
     * CHANGE_UNDONE after a take-over: an interrupted change could not be applied again, and what the environment ran
     * before it was put back ({@code provisioned}; null when the provider could not be asked). The compose, capacity
     * and variables from before the change come back, and the failure is recorded.
     */
    public Uni<Settled> restored(Stranded stranded, String provisioned, String reason) {
        ApplicationEnvironment env = stranded.env();
        EnvironmentStatus status = env.desiredCount == 0 ? EnvironmentStatus.STOPPED : EnvironmentStatus.ACTIVE;
        Outcome outcome = Outcome.in(status).withCompose(env.previousCompose).withProvisioned(provisioned)
                .withVariables(env.previousVariables);
        return settle(stranded.fence(), Transition.CHANGE_UNDONE, outcome, env.previousMinCapacity,
                env.previousMaxCapacity, reason, false);
    }

    /**
     * CHANGE_UNDONE after a take-over, when putting back what ran before the change met a terminal failure too: the
     * environment is settled (ACTIVE, or STOPPED when scaled to zero) as it is stored, with the failure recorded as
     * terminal.
     */
    public Uni<Settled> abandoned(Stranded stranded, String reason) {
        EnvironmentStatus status = stranded.env().desiredCount == 0 ? EnvironmentStatus.STOPPED : EnvironmentStatus.ACTIVE;
        return settle(stranded.fence(), Transition.CHANGE_UNDONE, Outcome.in(status), reason, true);
    }

    /** CLEANED_UP: a FAILED environment's leftovers are gone; it stays FAILED with its failure. */
    public Uni<Settled> cleanedUp(Stranded stranded) {
        return settle(stranded.fence(), Transition.CLEANED_UP, Outcome.in(EnvironmentStatus.FAILED),
                stranded.env().failure, false);
    }

    /**
     * RETRY_LATER: the reconciler's try failed in a way a later try may cure. The lease goes until {@code wait} has
     * passed, and the environment's failures in a row count one more.
     */
    public Uni<Settled> retryLater(Stranded stranded, java.time.Duration wait) {
        Fence fence = stranded.fence();
        return statements.retryLater(fence, wait)
                .eventually(() -> leases.forget(fence.environmentId()));
    }

    /**
     * What provisioning asks before every step of the work {@code fence} holds: whether this replica still holds
     * that lease. It stops seeing it once a renewal finds another holder's token, or no renewal has confirmed it
     * for a lease period.
     */
    public StepGuard guard(Fence fence) {
        return step -> {
            StepGuard.Verdict verdict = leases.verdict(fence);
            if (verdict == StepGuard.Verdict.GO && step != null) {
                steps.started(fence, step);
            }
            return verdict;
        };
    }

    /**
     * Asks the operation {@code operation} of the environment {@code key} names to stop: its work stops at its next
     * step and undoes what it made (here at once, on another replica with its next lease renewal), and it ends
     * CANCELLED. Refused for an operation that has ended, and for a delete.
     */
    public Uni<Cancel> cancel(EnvironmentKey key, UUID operation) {
        return operations.cancel(key, operation)
                .invoke(cancel -> {
                    if (cancel instanceof Cancel.Cancelling cancelling) {
                        leases.cancel(cancelling.environmentId(), operation);
                    }
                });
    }

    /** What a cancel found. */
    public sealed interface Cancel {

        /** The operation is CANCELLING (a cancel asked for again is the same answer). */
        record Cancelling(UUID environmentId) implements Cancel {
        }

        /** No such operation of that environment. */
        record Unknown() implements Cancel {
        }

        /** The operation has ended, in {@code status}. */
        record Ended(String status) implements Cancel {
        }

        /** A delete, which cannot be taken back. */
        record NotCancellable(String type) implements Cancel {
        }
    }

    /** Stops counting a lease whose work ended without an outcome write (a later reconciler pass takes it over). */
    public void letGo(Fence fence) {
        leases.forget(fence.environmentId());
    }

    /** Pushes every lease this replica holds one lease period ahead. */
    public Uni<Void> renewLeases() {
        return leases.renew();
    }

    /** Lets other replicas take over at once whatever this one still holds (at shutdown). */
    public Uni<Integer> releaseAll() {
        return statements.releaseAll(leases.owner());
    }

    /** Whether this replica has work in flight. */
    public boolean busy() {
        return leases.busy();
    }

    public int inFlight() {
        return leases.inFlight();
    }

    public java.time.Duration leaseDuration() {
        return leases.duration();
    }

    // ---- the writes

    /** The work of {@code op} began (its transaction committed): its lease is held here, and the request names it. */
    private void started(Fence fence, OperationStatements.Started op) {
        counts.forget(fence.environmentId());
        leases.held(fence.environmentId(), fence.token(), op.id(), op.deadline());
        CurrentOperation.started(op.id());
    }

    /**
     * Writes the lease into the row the caller's transaction commits. This replica counts it as held (renews it,
     * and lets the work's steps through) only once that commit is done.
     */
    private void hold(ApplicationEnvironment env, Fence fence) {
        env.leaseOwner = leases.owner();
        env.leaseExpiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(leases.duration());
        env.leaseToken = fence.token();
    }

    private Uni<Settled> settle(Fence fence, Transition transition, Outcome outcome, String failure, boolean terminal) {
        return settle(fence, transition, outcome, null, null, failure, terminal);
    }

    private Uni<Settled> settle(Fence fence, Transition transition, Outcome outcome, Integer min, Integer max,
            String failure, boolean terminal) {
        if (!transition.to().contains(outcome.status())) {
            throw new IllegalArgumentException(transition + " cannot end in " + outcome.status());
        }
        return steps.written(fence.environmentId())
                .chain(() -> statements.settle(fence, transition, outcome, min, max, failure, terminal))
                .eventually(() -> {
                    if (outcome.status() == EnvironmentStatus.FAILED) {
                        projectCounts.forgetAll();
                    }
                    counts.forget(fence.environmentId());
                    leases.forget(fence.environmentId());
                });
    }
}
