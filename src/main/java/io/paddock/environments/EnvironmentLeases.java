package io.paddock.environments;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The leases this replica holds, a part of {@link EnvironmentTransitions} and used by it alone: the replica's
 * name in {@code lease_owner}, the environments it works on, and their renewal. A lease that runs out means
 * its replica died: a reconciler takes the environment over with a new fencing token.
 */
@ApplicationScoped
class EnvironmentLeases {

    private static final Logger LOG = Logger.getLogger(EnvironmentLeases.class);

    private final Pool pool;
    private final Duration lease;
    private final String owner;
    /** The environments this replica works on, with when it took each (System.nanoTime). */
    private final Map<UUID, Long> held = new ConcurrentHashMap<>();

    EnvironmentLeases(Pool pool, PaddockConfig config) {
        this.pool = pool;
        this.lease = config.reconciler().lease();
        this.owner = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    String owner() {
        return owner;
    }

    Duration duration() {
        return lease;
    }

    double seconds() {
        return lease.toMillis() / 1000.0;
    }

    void held(UUID id) {
        held.put(id, System.nanoTime());
    }

    void forget(UUID id) {
        held.remove(id);
    }

    boolean busy() {
        return !held.isEmpty();
    }

    int inFlight() {
        return held.size();
    }

    /**
     * Pushes the expiry of every lease this replica holds one lease period ahead. An environment the
     * database has not confirmed as this replica's for a whole lease period (its claim never committed,
     * or its row is gone) is no longer counted as held.
     */
    Uni<Void> renew() {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = held.keySet().toArray(new UUID[0]);
        return pool.preparedQuery("UPDATE application_environment SET lease_expires_at = now() + make_interval(secs => $1) "
                + "WHERE lease_owner = $2 AND id = ANY($3) RETURNING id")
                .execute(Tuple.of(seconds(), owner, ids))
                .invoke(rows -> {
                    Set<UUID> confirmed = new HashSet<>();
                    rows.forEach(row -> confirmed.add(row.getUUID("id")));
                    long staleBefore = System.nanoTime() - lease.toNanos();
                    for (UUID id : ids) {
                        if (!confirmed.contains(id)) {
                            held.computeIfPresent(id, (key, since) -> since < staleBefore ? null : since);
                        }
                    }
                })
                .replaceWithVoid()
                .onFailure()
                .invoke(e -> LOG.warnf("could not renew %d environment leases: %s", held.size(), e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "paddock";
        }
    }
}
