package io.paddock.provisioning;

/**
 * A step was not started because its run's caller no longer holds the environment's lease (see {@link StepGuard}):
 * another holder took the work over and finishes or undoes it from the ledger.
 */
public final class Fenced extends RuntimeException {

    Fenced(CloudOperation operation) {
        super(operation.operationName() + " not started: the environment's lease was taken over by another holder",
                null, false, false);
    }
}
