package io.paddock.environments;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Leases on environments with work in flight. The replica that starts a create, update, change or
 * teardown holds the environment's lease and renews it while the work goes on; the lease is released when
 * the work's outcome is recorded. A lease that runs out means its replica died: the reconciler of any
 * replica claims the environment and finishes or undoes the work.
 */
@ApplicationScoped
public class EnvironmentLeases {

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

    /** This replica's name in lease_owner. */
    public String owner() {
        return owner;
    }

    public Duration duration() {
        return lease;
    }

    /** Takes the environment's lease for this replica (stored with the entity's next flush). */
    void hold(ApplicationEnvironment env) {
        env.leaseOwner = owner;
        env.leaseExpiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(lease);
        held.put(env.id, System.nanoTime());
    }

    /** Gives the environment's lease up (stored with the entity's next flush). */
    void release(ApplicationEnvironment env) {
        env.leaseOwner = null;
        env.leaseExpiresAt = null;
        held.remove(env.id);
    }

    /** Stops renewing a lease whose environment is gone or was released by a statement of its own. */
    void forget(UUID id) {
        held.remove(id);
    }

    /** Whether this replica has work in flight. */
    public boolean busy() {
        return !held.isEmpty();
    }

    public int inFlight() {
        return held.size();
    }

    /**
     * Pushes the expiry of every lease this replica holds one lease period ahead. An environment the
     * database has not confirmed as this replica's for a whole lease period (its claim never committed,
     * or its row is gone) is no longer counted as held.
     */
    public Uni<Void> renew() {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = held.keySet().toArray(new UUID[0]);
        return pool.preparedQuery("UPDATE application_environment SET lease_expires_at = now() + make_interval(secs => $1) "
                + "WHERE lease_owner = $2 AND id = ANY($3) RETURNING id")
                .execute(Tuple.of(seconds(lease), owner, ids))
                .invoke(rows -> {
                    java.util.Set<UUID> confirmed = new java.util.HashSet<>();
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

    /**
     * Claims up to {@code limit} environments whose work was left unfinished by a replica whose lease ran
     * out (or that never got a lease). Rows another replica is claiming at the same moment are skipped, so
     * no environment is worked on twice.
     */
    public Uni<List<Row>> claimExpired(int limit) {
        return pool.preparedQuery("UPDATE application_environment SET lease_owner = $1, "
                + "lease_expires_at = now() + make_interval(secs => $2), version = version + 1 "
                + "WHERE id IN (SELECT id FROM application_environment "
                + "  WHERE status IN ('CREATING', 'UPDATING', 'DELETING') "
                + "    AND (lease_expires_at IS NULL OR lease_expires_at < now()) "
                + "  ORDER BY updated_at LIMIT $3 FOR UPDATE SKIP LOCKED) "
                + "RETURNING id, organisation, application, env_name, status, compose, provisioned, desired_count, "
                + "min_capacity, failure")
                .execute(Tuple.of(owner, seconds(lease), limit))
                .map(rows -> {
                    List<Row> claimed = new java.util.ArrayList<>();
                    for (Row row : rows) {
                        held.put(row.getUUID("id"), System.nanoTime());
                        claimed.add(row);
                    }
                    return claimed;
                });
    }

    /** Lets other replicas take over at once whatever this one still holds (at shutdown). */
    public Uni<Integer> releaseAll() {
        return pool.preparedQuery("UPDATE application_environment SET lease_expires_at = now() WHERE lease_owner = $1 "
                + "AND status IN ('CREATING', 'UPDATING', 'DELETING')")
                .execute(Tuple.of(owner))
                .map(rows -> rows.rowCount());
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

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
