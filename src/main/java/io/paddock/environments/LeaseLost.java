package io.paddock.environments;

import io.paddock.errors.ApiException;

/**
 * The work's lease ran out before its outcome was written (this replica could not renew it in time): a reconciler
 * has taken the environment over and finishes or undoes the work, so this holder leaves it alone.
 */
public final class LeaseLost extends ApiException {

    public LeaseLost(String message) {
        super(503, "ProvisioningInterrupted", message);
    }
}
