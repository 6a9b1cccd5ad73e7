package io.paddock.environments;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.ExpiringCache;
import io.paddock.PaddockConfig;
import io.paddock.provisioning.ServiceState;

/**
 * The counts the provider last reported for environments' services at rest, reused for
 * {@code paddock.environments.status-cache-ttl} so that GETs of a long list, or the same environment read again and
 * again, do not ask the provider each time. This replica forgets an environment's counts when it starts or settles
 * work on it ({@link EnvironmentTransitions}); what another replica changes shows here within the TTL.
 */
@ApplicationScoped
class RunningCounts {

    /** Past this many environments, expired ones are swept out, and all of them if none had expired. */
    static final int MAX_ENTRIES = 100_000;

    private final ExpiringCache<UUID, ServiceState> cache;

    @Inject
    RunningCounts(PaddockConfig config) {
        this(config.environments().statusCacheTtl());
    }

    RunningCounts(Duration ttl) {
        this.cache = new ExpiringCache<>(ttl, MAX_ENTRIES);
    }

    boolean enabled() {
        return cache.enabled();
    }

    /** The counts reported for the environment within the TTL, or null. */
    ServiceState fresh(UUID environmentId) {
        return cache.fresh(environmentId);
    }

    /** A time to pass to {@link #reported}: taken before the provider is asked. */
    long asking() {
        return cache.asking();
    }

    /**
     * The counts the provider reported for a question asked at {@code askedAt}. Kept only for a service at rest (as
     * many tasks running as desired, no deployment rolling out): one on its way is asked again at its next GET. Dropped
     * when Paddock changed the environment since it asked (the answer may predate the change).
     */
    void reported(UUID environmentId, ServiceState state, long askedAt) {
        if (state != null && !state.deploymentInProgress() && state.runningCount() == state.desiredCount()) {
            cache.put(environmentId, state, askedAt);
        }
    }

    /** Paddock is changing the environment: its next GET asks the provider, and answers asked before now are dropped. */
    void forget(UUID environmentId) {
        cache.forget(environmentId);
    }
}
