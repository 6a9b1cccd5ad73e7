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
    /**
     * The change failed (or a reconciler could not apply it again and put back what ran before it): the
     * environment is as it was before it, with the failure recorded.
     */
    CHANGE_UNDONE(EnumSet.of(UPDATING), EnumSet.of(ACTIVE, STOPPED)),
    /**
     * A delete begins: the service stops and the rest is torn down in the background. Not while a change runs,
     * which would end by writing over the delete. A FAILED environment takes this move only while its ledger
     * still holds resources (a rollback that could not finish).
     */
    DELETE(EnumSet.of(ACTIVE, STOPPED, FAILED), EnumSet.of(DELETING)),
    /** A delete of a FAILED environment whose ledger is empty: nothing of it is left, so its row goes at once. */
    DISCARD(EnumSet.of(FAILED), EnumSet.noneOf(EnvironmentStatus.class)),
    /** The teardown is done and the row goes. */
    DELETED(EnumSet.of(DELETING), EnumSet.noneOf(EnvironmentStatus.class)),
    /**
     * A teardown (of a DELETING environment, or of a FAILED one's leftovers) met a terminal failure: the
     * reconciler records it and stops retrying.
     */
    STALLED(EnumSet.of(DELETING, FAILED), EnumSet.of(DELETING, FAILED)),
    /**
     * A reconciler takes over the work of a replica whose lease ran out, or the leftovers of a FAILED environment
     * (what its rollback could not delete); the status stays.
     */
    TAKE_OVER(EnumSet.of(CREATING, UPDATING, DELETING, FAILED), EnumSet.of(CREATING, UPDATING, DELETING, FAILED)),
    /** The reconciler removed a FAILED environment's leftovers; it stays FAILED, with its failure. */
    CLEANED_UP(EnumSet.of(FAILED), EnumSet.of(FAILED)),
    /**
     * The reconciler's try failed in a way a later try may cure: it lets the lease go until the next try, which
     * waits longer after every failure in a row.
     */
    RETRY_LATER(EnumSet.of(CREATING, UPDATING, DELETING, FAILED), EnumSet.of(CREATING, UPDATING, DELETING, FAILED));

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

    /** The statuses this move starts from, as the database spells them. */
    String[] fromNames() {
        return from.stream().map(Enum::name).toArray(String[]::new);
    }
}
