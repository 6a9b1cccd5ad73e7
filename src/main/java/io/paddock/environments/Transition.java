package io.paddock.environments;

import static io.paddock.environments.EnvironmentStatus.ACTIVE;
import static io.paddock.environments.EnvironmentStatus.CREATING;
import static io.paddock.environments.EnvironmentStatus.DELETING;
import static io.paddock.environments.EnvironmentStatus.FAILED;
import static io.paddock.environments.EnvironmentStatus.STOPPED;
import static io.paddock.environments.EnvironmentStatus.UPDATING;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every move an environment's status may make, and from where: the state machine that
 * {@link EnvironmentTransitions} enforces (the README draws it). A move from any other status is refused.
 * An empty {@code to} means the row goes.
 */
public enum Transition {
    /** A create records the environment; a FAILED one of that name gives way, a live one refuses it. */
    CREATE(EnumSet.noneOf(EnvironmentStatus.class), EnumSet.of(CREATING)),
    /** Everything was provisioned. */
    CREATED(EnumSet.of(CREATING), EnumSet.of(ACTIVE)),
    /** A step failed and what was made was undone (by the create, or by a reconciler after a crash). */
    CREATE_FAILED(EnumSet.of(CREATING), EnumSet.of(FAILED)),
    /** An update, a state change, a volume, a scaling policy or a container change begins. */
    CHANGE(EnumSet.of(ACTIVE, STOPPED), EnumSet.of(UPDATING)),
    /** The change is done: running (ACTIVE) or scaled to zero (STOPPED). */
    CHANGED(EnumSet.of(UPDATING), EnumSet.of(ACTIVE, STOPPED)),
    /** The change failed: the environment is as it was before it, with the failure recorded. */
    CHANGE_UNDONE(EnumSet.of(UPDATING), EnumSet.of(ACTIVE, STOPPED)),
    /**
     * A delete begins: the service stops and the rest is torn down in the background. Not while a change runs,
     * which would end by writing over the delete.
     */
    DELETE(EnumSet.of(ACTIVE, STOPPED), EnumSet.of(DELETING)),
    /** A delete of a FAILED environment: nothing of it runs, so its row goes at once. */
    DISCARD(EnumSet.of(FAILED), EnumSet.noneOf(EnvironmentStatus.class)),
    /** The teardown is done and the row goes. */
    DELETED(EnumSet.of(DELETING), EnumSet.noneOf(EnvironmentStatus.class)),
    /** A teardown met a terminal failure: the reconciler records it and stops retrying. */
    DELETE_STALLED(EnumSet.of(DELETING), EnumSet.of(DELETING)),
    /** A reconciler takes over the work of a replica whose lease ran out; the status stays. */
    TAKE_OVER(EnumSet.copyOf(EnvironmentStatus.IN_FLIGHT), EnumSet.copyOf(EnvironmentStatus.IN_FLIGHT));

    private final Set<EnvironmentStatus> from;
    private final Set<EnvironmentStatus> to;

    Transition(Set<EnvironmentStatus> from, Set<EnvironmentStatus> to) {
        this.from = Collections.unmodifiableSet(from);
        this.to = Collections.unmodifiableSet(to);
    }

    public Set<EnvironmentStatus> from() {
        return from;
    }

    public Set<EnvironmentStatus> to() {
        return to;
    }

    public boolean allowedFrom(EnvironmentStatus status) {
        return from.contains(status);
    }

    /** Whether the row is removed by this move. */
    public boolean removes() {
        return to.isEmpty();
    }

    /** The one status this move starts from, for the moves that have one. */
    EnvironmentStatus single() {
        if (from.size() != 1) {
            throw new IllegalStateException(this + " starts from " + from);
        }
        return from.iterator().next();
    }
}
