package io.paddock.provisioning;

/**
 * Whether a provisioning operation may take its next step: its caller still holds the lease on the environment.
 * Asked before every step of a run; a step refused by it fails the run with {@link Fenced}, and what the run made
 * is left in the ledger to whoever holds the lease now.
 */
@FunctionalInterface
public interface StepGuard {

    /** For work no lease covers. */
    StepGuard ALWAYS = () -> true;

    boolean held();
}
