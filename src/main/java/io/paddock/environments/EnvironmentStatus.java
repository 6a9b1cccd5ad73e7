package io.paddock.environments;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an application environment. The moves between statuses are the {@link Transition}s, and only
 * {@link EnvironmentTransitions} makes them.
 */
public enum EnvironmentStatus {
    CREATING, ACTIVE, UPDATING, STOPPED, FAILED, DELETING;

    /** The statuses of environments with work in flight: each such environment carries a lease. */
    public static final Set<EnvironmentStatus> IN_FLIGHT = EnumSet.of(CREATING, UPDATING, DELETING);

    /**
     * Whether the environment holds its name, counts against its application's limit and its catalog stage's
     * projectCount. The database's twin is the function {@code environment_is_live} (V13); a test keeps the two
     * in agreement.
     */
    public boolean isLive() {
        return this != FAILED && this != DELETING;
    }

    /** Whether a GET shows the environment: a DELETING one is gone for its clients. */
    public boolean isVisible() {
        return this != DELETING;
    }

    /** Whether the environment's service runs and reports its counts. */
    public boolean hasService() {
        return this == ACTIVE || this == UPDATING || this == STOPPED;
    }
}
