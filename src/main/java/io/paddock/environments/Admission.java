package io.paddock.environments;

/** What recording a new environment found: admitted as CREATING, or why not. */
public sealed interface Admission {

    /** Recorded as CREATING, with its lease; the application now has {@code liveCount} live environments. */
    record Admitted(Fence fence, long liveCount) implements Admission {
    }

    /** The application has a live environment of that name, in {@code status}. */
    record NameTaken(EnvironmentStatus status) implements Admission {
    }

    /**
     * The FAILED environment of that name still has cloud resources in its ledger, which the reconciler is
     * removing; a new environment of that name would meet them.
     */
    record LeftoversPending() implements Admission {
    }

    /** The catalog stage of that name is disabled: it takes no new environments. */
    record StageDisabled() implements Admission {
    }

    /** The application already has {@code liveCount} live environments, its limit. */
    record LimitReached(long liveCount) implements Admission {
    }
}
