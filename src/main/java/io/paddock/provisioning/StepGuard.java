package io.paddock.provisioning;

/**
 * Whether a provisioning operation may take its next step. Asked before every step of a run with the step's name
 * (AWS's operation name): a run whose caller no longer holds the environment's lease stops with {@link Fenced}
 * and leaves what it made in the ledger to whoever holds the lease now; a run asked to stop (cancelled, or past
 * its deadline) stops with {@link Stopped} and undoes what it made, as after a failure.
 */
@FunctionalInterface
public interface StepGuard {

    /** For work no lease covers. */
    StepGuard ALWAYS = step -> Verdict.GO;

    Verdict before(String step);

    enum Verdict {
        /** The step may start. */
        GO,
        /** The lease was taken over by another holder. */
        FENCED,
        /** A client asked for the operation to be cancelled. */
        CANCELLED,
        /** The operation ran past its deadline. */
        TIMED_OUT
    }
}
