package io.paddock.environments;

/** The life of an application environment. */
public enum EnvironmentStatus {
    CREATING, ACTIVE, UPDATING, STOPPED, FAILED, DELETING;

    /** Statuses in which the environment holds its name and answers GET. */
    public boolean isLive() {
        return this != FAILED && this != DELETING;
    }
}
