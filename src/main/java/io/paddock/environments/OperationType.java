package io.paddock.environments;

/** What an operation of an application environment does, as its record and the API name it. */
public enum OperationType {
    /** The create. */
    CREATE,
    /** A PUT of the environment (a new compose definition). */
    UPDATE,
    /** A PATCH of the compose definition. */
    COMPOSE,
    /** A state change: stop, start, redeploy. */
    STATE,
    /** The delete. */
    DELETE,
    /** A change of the environment's variables. */
    VARIABLES,
    /** A change of one container. */
    CONTAINER,
    /** A change of its cron jobs. */
    CRON,
    /** A change of its scaling policies. */
    SCALING,
    /** A volume added or removed. */
    VOLUME
}
