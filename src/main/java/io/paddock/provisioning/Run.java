package io.paddock.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * One provisioning operation's steps. A step is memoized (it runs once however many dependants wait on it)
 * and, once started, is never cancelled: a create that times out is still followed to its end, so a
 * resource that appears late is recorded and can be undone. After the first failure no further step starts, and
 * the run reports that failure once what it made is undone.
 */
final class Run {

    private static final Logger LOG = Logger.getLogger(Run.class);

    private final UUID environmentId;
    private final StepGuard guard;
    private final CloudCalls calls;
    private final ResourceLedger ledger;
    private final ResourceDeletions deletions;
    private final Duration settleTimeout;
    private final List<Uni<Void>> started = new CopyOnWriteArrayList<>();
    private final List<LedgerEntry> recorded = new CopyOnWriteArrayList<>();
    private final AtomicReference<ProvisioningFailedException> failure = new AtomicReference<>();

    Run(UUID environmentId, StepGuard guard, CloudCalls calls, ResourceLedger ledger, ResourceDeletions deletions,
            Duration settleTimeout) {
        this.environmentId = environmentId;
        this.guard = guard;
        this.calls = calls;
        this.ledger = ledger;
        this.deletions = deletions;
        this.settleTimeout = settleTimeout;
    }

    UUID environmentId() {
        return environmentId;
    }

    /** A step that makes a resource: the call, then the ledger row, the moment the call returns. */
    <T> Uni<T> create(CloudOperation operation, Supplier<Uni<T>> call, Function<T, LedgerEntry> entry) {
        return step(operation, () -> calls.invoke(operation, call)
                .call(made -> record(operation, entry.apply(made))));
    }

    /** A step that makes nothing new (an update, a description, a deletion). */
    <T> Uni<T> call(CloudOperation operation, Supplier<Uni<T>> call) {
        return step(operation, () -> calls.invoke(operation, call));
    }

    private <T> Uni<T> step(CloudOperation operation, Supplier<Uni<T>> body) {
        return Uni.createFrom().deferred(() -> {
                    if (failure.get() != null) {
                        return Uni.createFrom().<T>failure(new NotStarted(operation));
                    }
                    StepGuard.Verdict verdict = guard.before(operation.operationName());
                    if (verdict == StepGuard.Verdict.FENCED) {
                        return Uni.createFrom().<T>failure(new Fenced(operation));
                    }
                    if (verdict != StepGuard.Verdict.GO) {
                        return Uni.createFrom().<T>failure(new Stopped(verdict, operation.operationName()));
                    }
                    Uni<T> flight = body.get().memoize().indefinitely();
                    started.add(flight.replaceWithVoid().onFailure().recoverWithNull());
                    return calls.answer(operation, flight);
                })
                .onFailure().invoke(f -> noteFailure(operation, f))
                .memoize().indefinitely();
    }

    private Uni<LedgerEntry> record(CloudOperation operation, LedgerEntry entry) {
        return ledger.record(entry, calls.provider())
                .invoke(recorded::add)
                .onFailure().call(f -> {
                    LOG.errorf(f, "%s made %s %s for environment %s but the ledger could not record it; deleting it",
                            operation, entry.kind(), entry.providerId(), environmentId);
                    return deletions.delete(entry)
                            .onFailure().invoke(d -> LOG.errorf(d, "%s %s of environment %s is left behind unrecorded",
                                    entry.kind(), entry.providerId(), environmentId))
                            .onFailure().recoverWithNull();
                });
    }

    private void noteFailure(CloudOperation operation, Throwable f) {
        if (f instanceof NotStarted) {
            return;
        }
        if (failure.compareAndSet(null, failed(operation, f))) {
            LOG.infof("environment %s: %s failed: %s", environmentId, operation, f.getMessage());
        }
    }

    /** Waits until every started step has answered (up to the settle timeout for calls that timed out). */
    private Uni<Void> settle() {
        List<Uni<Void>> flights = new ArrayList<>(started);
        if (flights.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(flights).andCollectFailures()
                .replaceWithVoid()
                .ifNoItem().after(settleTimeout).recoverWithUni(() -> {
                    LOG.errorf("environment %s: a provider call has not answered after %s; undoing what the ledger"
                            + " holds without it (a resource it makes later carries the environment's tags)",
                            environmentId, settleTimeout);
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * After a failure: waits for every call in flight, undoes, and fails with what went wrong first. An undo that
     * fails is logged and reported with it; the ledger keeps what is left for teardown. A run whose lease was taken
     * over undoes nothing: the ledger is the new holder's.
     */
    <T> Uni<T> undoAndFail(Throwable failure, Supplier<Uni<Void>> undo) {
        ProvisioningFailedException reason = reason(failure);
        if (reason.isFenced()) {
            LOG.warnf("environment %s: its lease was taken over before %s; what this run made is left in the ledger to"
                    + " the new holder", environmentId, reason.step());
            return settle().chain(() -> Uni.createFrom().<T>failure(reason));
        }
        return settle()
                .chain(() -> undo.get())
                .onFailure().invoke(undoFailure -> {
                    reason.addSuppressed(undoFailure);
                    LOG.errorf(undoFailure, "environment %s: undoing after %s failed; the ledger keeps what is left"
                            + " for teardown", environmentId, reason.step());
                })
                .onFailure().recoverWithNull()
                .chain(() -> Uni.createFrom().<T>failure(reason));
    }

    /** After a failure: undoes what this run recorded, newest first, and fails with what went wrong first. */
    <T> Uni<T> undoRecordedAndFail(Throwable failure) {
        return undoAndFail(failure, () -> deletions.deleteInOrder(recordedNewestFirst()));
    }

    /** What this run recorded, newest first. */
    private List<LedgerEntry> recordedNewestFirst() {
        List<LedgerEntry> entries = new ArrayList<>(recorded);
        entries.sort(Collections.reverseOrder((a, b) -> Long.compare(a.seq(), b.seq())));
        return entries;
    }

    /** The failure to report: the first step that failed, or the failure itself when no step did. */
    private ProvisioningFailedException reason(Throwable f) {
        ProvisioningFailedException first = failure.get();
        if (first != null) {
            return new ProvisioningFailedException(first.step(), first.providerCode(), first.providerMessage(),
                    first.getCause());
        }
        return failed(f);
    }

    /** A failure outside a run's steps (a single call, a deletion) as the contract reports it. */
    static ProvisioningFailedException failed(Throwable f) {
        if (f instanceof ProvisioningFailedException known) {
            return known;
        }
        if (f instanceof ProviderException provider) {
            return failed(provider.operation(), provider);
        }
        return new ProvisioningFailedException("Provisioning", null, String.valueOf(f.getMessage()), f);
    }

    static ProvisioningFailedException failed(CloudOperation operation, Throwable f) {
        if (f instanceof Stopped stopped) {
            return new ProvisioningFailedException(stopped.step(), null, stopped.getMessage(), stopped);
        }
        if (f instanceof ProviderException provider) {
            return new ProvisioningFailedException(provider.operation().operationName(), provider.code(),
                    provider.providerMessage(), provider);
        }
        return new ProvisioningFailedException(operation.operationName(), null,
                "Paddock could not complete the step: " + f.getMessage(), f);
    }

    /** A step that did not start because an earlier one had failed. */
    private static final class NotStarted extends RuntimeException {
        NotStarted(CloudOperation operation) {
            super(operation + " not started: an earlier step failed", null, false, false);
        }
    }
}
