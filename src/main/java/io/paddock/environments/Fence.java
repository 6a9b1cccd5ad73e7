package io.paddock.environments;

import java.util.UUID;

/**
 * A lease on an environment as its holder knows it: the fencing token it was given. Every write of the work's
 * outcome names it and is refused once another holder has taken the lease over. {@code operation} is the operation
 * the work belongs to, when a client started it (a reconciler's take-over has none of its own).
 */
public record Fence(UUID environmentId, UUID token, UUID operation) {

    public Fence(UUID environmentId, UUID token) {
        this(environmentId, token, null);
    }

    static Fence fresh(UUID environmentId, UUID operation) {
        return new Fence(environmentId, UUID.randomUUID(), operation);
    }
}
