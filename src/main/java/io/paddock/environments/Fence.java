package io.paddock.environments;

import java.util.UUID;

/**
 * A lease on an environment as its holder knows it: the fencing token it was given. Every write of the work's
 * outcome names it and is refused once another holder has taken the lease over.
 */
public record Fence(UUID environmentId, UUID token) {

    static Fence fresh(UUID environmentId) {
        return new Fence(environmentId, UUID.randomUUID());
    }
}
