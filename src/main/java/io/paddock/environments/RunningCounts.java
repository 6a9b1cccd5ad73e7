package io.paddock.environments;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    /** Counts and when they expire; or, with no counts, when Paddock last changed the environment. */
    private record Entry(ServiceState state, long expiresAt, long forgottenAt) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    @Inject
    RunningCounts(PaddockConfig config) {
        this(config.environments().statusCacheTtl());
    }

    RunningCounts(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    boolean enabled() {
        return ttlNanos > 0;
    }

    /** The counts reported for the environment within the TTL, or null. */
    ServiceState fresh(UUID environmentId) {
        if (!enabled()) {
            return null;
        }
        Entry entry = entries.get(environmentId);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAt() - System.nanoTime() <= 0) {
            entries.remove(environmentId, entry);
            return null;
        }
        return entry.state();
    }

    /** A time to pass to {@link #reported}: taken before the provider is asked. */
    long asking() {
        return System.nanoTime();
    }

    /**
     * The counts the provider reported for a question asked at {@code askedAt}. Kept only for a service at rest (as
     * many tasks running as desired, no deployment rolling out): one on its way is asked again at its next GET. Dropped
     * when Paddock changed the environment since it asked (the answer may predate the change).
     */
    void reported(UUID environmentId, ServiceState state, long askedAt) {
        if (!enabled() || state == null || state.deploymentInProgress()
                || state.runningCount() != state.desiredCount()) {
            return;
        }
        Entry previous = entries.get(environmentId);
        if (previous != null && previous.state() == null && previous.forgottenAt() - askedAt >= 0) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            entries.values().removeIf(entry -> entry.expiresAt() - now <= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(environmentId, new Entry(state, System.nanoTime() + ttlNanos, 0));
    }

    /** Paddock is changing the environment: its next GET asks the provider, and answers asked before now are dropped. */
    void forget(UUID environmentId) {
        if (!enabled()) {
            return;
        }
        long now = System.nanoTime();
        entries.put(environmentId, new Entry(null, now + ttlNanos, now));
    }
}
