package io.paddock.environments;

import io.paddock.errors.ApiException;

/**
 * A transition the environment's status does not allow: {@code from} is the status it is in. Answered as a
 * 409 whose name says why: EnvironmentBusyError (work in flight), EnvironmentFailedError,
 * EnvironmentNotActiveError (a change for ACTIVE environments only, on a STOPPED one).
 */
public final class TransitionRefused extends ApiException {

    private final Transition transition;
    private final EnvironmentStatus from;

    private TransitionRefused(Transition transition, EnvironmentStatus from, String name, String message) {
        super(409, name, message);
        this.transition = transition;
        this.from = from;
    }

    public Transition transition() {
        return transition;
    }

    public EnvironmentStatus from() {
        return from;
    }

    /** The refusal of {@code change} of an environment in {@code from}. */
    static TransitionRefused of(Transition transition, Change change, String envName, EnvironmentStatus from) {
        String subject = change.subject();
        String what = change.what();
        return switch (from) {
            case CREATING -> new TransitionRefused(transition, from, "EnvironmentBusyError", "Environment " + envName
                    + " is still being created, so " + subject + " cannot be " + what + " yet. Try again once it is ACTIVE.");
            case UPDATING -> new TransitionRefused(transition, from, "EnvironmentBusyError", "Environment " + envName
                    + " is being updated, so " + subject + " cannot be " + what + " until that finishes. Try again shortly.");
            case DELETING -> new TransitionRefused(transition, from, "EnvironmentBusyError", "Environment " + envName
                    + " is being deleted, so " + subject + " cannot be " + what + ".");
            case FAILED -> new TransitionRefused(transition, from, "EnvironmentFailedError", "Environment " + envName
                    + " failed to provision, so " + subject + " cannot be " + what + ". Delete it or create it again.");
            case STOPPED -> new TransitionRefused(transition, from, "EnvironmentNotActiveError", "Environment " + envName
                    + " is stopped, so " + subject + " cannot be " + what + ". Start it first (PUT .../state"
                    + " {\"action\": \"start\"}).");
            case ACTIVE -> new TransitionRefused(transition, from, "EnvironmentBusyError", "Environment " + envName
                    + " is ACTIVE, so " + subject + " cannot be " + what + ".");
        };
    }

    /** A delete of an environment that work is still being done on. */
    static TransitionRefused ofDelete(String envName, EnvironmentStatus from) {
        if (from == EnvironmentStatus.CREATING) {
            return new TransitionRefused(Transition.DELETE, from, "EnvironmentBusyError", "Environment " + envName
                    + " is still being created. Delete it once its status is ACTIVE or FAILED.");
        }
        return of(Transition.DELETE, Change.of("deleted"), envName, from);
    }

    /** A delete of an environment whose catalog stage is protected. */
    static TransitionRefused protectedStage(String envName, EnvironmentStatus from) {
        return new TransitionRefused(Transition.DELETE, from, "ProtectedEnvironmentError", "Environment " + envName
                + " belongs to the protected catalog stage " + envName + ", so it cannot be deleted.");
    }
}
