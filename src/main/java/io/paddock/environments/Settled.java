package io.paddock.environments;

/** How the write of a work's outcome went. */
public enum Settled {
    /** Written, and the lease released. */
    DONE,
    /**
     * Not written: the environment is no longer this holder's (its lease was taken over by a reconciler, or the
     * row is gone or has moved on). The new holder finishes or undoes the work.
     */
    LEASE_LOST
}
