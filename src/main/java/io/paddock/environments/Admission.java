package io.paddock.environments;

/** What recording a new environment found: admitted as CREATING, or why not. */
public sealed interface Admission {

    /** Recorded as CREATING, with its lease; the application now has {@code liveCount} live environments. */
    record Admitted(Fence fence, long liveCount) implements Admission {
    }

    /** The application has a live environment of that name, in {@code status}. */
    record NameTaken(EnvironmentStatus status) implements Admission {
    }

    /** The catalog stage of that name is disabled: it takes no new environments. */
    record StageDisabled() implements Admission {
    }

    /** The application already has {@code liveCount} live environments, its limit. */
    record LimitReached(long liveCount) implements Admission {
    }
}
