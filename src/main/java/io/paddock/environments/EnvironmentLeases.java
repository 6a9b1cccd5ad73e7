package io.paddock.environments;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.paddock.provisioning.StepGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The leases this replica holds, a part of {@link EnvironmentTransitions} and used by it alone: the replica's
 * name in {@code lease_owner}, the environments it works on with their fencing tokens, and their renewal. A lease
 * that runs out means its replica died: a reconciler takes the environment over with a new fencing token, which
 * the next renewal here notices.
 */
@ApplicationScoped
class EnvironmentLeases {

    private static final Logger LOG = Logger.getLogger(EnvironmentLeases.class);

    private final Pool pool;
    private final Duration lease;
    private final String owner;
    /** The environments this replica works on, with the lease it holds on each. */
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();

    /**
     * A lease as this replica knows it: its fencing token, when the database last confirmed it (System.nanoTime: when
     * it was taken, then at each renewal), and whether a renewal found the row under another holder's token (or gone).
     * The work it covers may be an operation a client started ({@code operation}, with its {@code deadline} in
     * System.nanoTime, and {@code stop}: CANCEL once a cancel was asked for); a reconciler's work is none.
     */
    private record Held(UUID token, long confirmed, boolean lost, UUID operation, long deadline, String stop) {

        Held confirmedAt(long now) {
            return new Held(token, now, false, operation, deadline, stop);
        }

        Held markedLost() {
            return new Held(token, confirmed, true, operation, deadline, stop);
        }

        Held stopped(String why) {
            return new Held(token, confirmed, lost, operation, deadline, why);
        }
    }

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

    /** Counts a lease the database holds for this replica (its write committed) as held. */
    void held(UUID id, UUID token) {
        held.put(id, new Held(token, System.nanoTime(), false, null, Long.MAX_VALUE, null));
    }

    /** As {@link #held(UUID, UUID)}, for the work of {@code operation}, which may run for {@code deadline}. */
    void held(UUID id, UUID token, UUID operation, Duration deadline) {
        long now = System.nanoTime();
        held.put(id, new Held(token, now, false, operation, now + deadline.toNanos(), null));
    }

    /**
     * What the work {@code fence} holds may do next: not held (FENCED), asked to stop (CANCELLED), past its
     * deadline (TIMED_OUT), or GO.
     */
    StepGuard.Verdict verdict(Fence fence) {
        if (!holds(fence)) {
            return StepGuard.Verdict.FENCED;
        }
        Held lease = held.get(fence.environmentId());
        if (lease == null) {
            return StepGuard.Verdict.FENCED;
        }
        if ("CANCEL".equals(lease.stop())) {
            return StepGuard.Verdict.CANCELLED;
        }
        return lease.operation() != null && System.nanoTime() - lease.deadline() > 0 ? StepGuard.Verdict.TIMED_OUT
                : StepGuard.Verdict.GO;
    }

    /** A cancel of {@code operation} was asked for: its work here stops at its next step. */
    void cancel(UUID id, UUID operation) {
        held.computeIfPresent(id, (key, lease) -> operation.equals(lease.operation()) ? lease.stopped("CANCEL") : lease);
    }

    /**
     * Whether this replica still holds the lease {@code fence} names: taken by it, not seen under another holder's
     * token, and confirmed by the database (or taken) less than one lease period ago.
     */
    boolean holds(Fence fence) {
        Held lease = held.get(fence.environmentId());
        return lease != null && !lease.lost() && lease.token().equals(fence.token())
                && System.nanoTime() - lease.confirmed() < this.lease.toNanos();
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

    /** Pushes the expiry of every lease this replica still holds, by its token, one lease period ahead. */
    Uni<Void> renew() {
        if (held.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = held.keySet().toArray(new UUID[0]);
        UUID[] tokens = new UUID[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Held lease = held.get(ids[i]);
            tokens[i] = lease == null ? null : lease.token();
        }
        // Renewed only where this replica's token is still the row's: a lease a reconciler took over (from this
        // replica too) is seen as lost, and the work holding it stops at its next step.
        return pool.preparedQuery("UPDATE application_environment a SET lease_expires_at = now() + make_interval(secs => $1) "
                + "FROM unnest($2::uuid[], $3::uuid[]) AS h(id, token) "
                + "WHERE a.id = h.id AND a.lease_token = h.token RETURNING a.id, (SELECT o.stop FROM environment_operation o "
                + "WHERE o.environment_id = a.id AND o.ended_at IS NULL) AS stop")
                .execute(Tuple.of(seconds(), ids, tokens))
                .invoke(rows -> {
                    Set<UUID> confirmed = new HashSet<>();
                    Map<UUID, String> stops = new HashMap<>();
                    rows.forEach(row -> {
                        confirmed.add(row.getUUID("id"));
                        if (row.getString("stop") != null) {
                            stops.put(row.getUUID("id"), row.getString("stop"));
                        }
                    });
                    long now = System.nanoTime();
                    for (UUID id : ids) {
                        // A lease not renewed was taken over, or its row is gone: its work stops at its next step.
                        // One lost for a whole lease period is no longer counted (its work never ended).
                        // A cancel asked for on another replica reaches the work here with the renewal.
                        held.computeIfPresent(id, (key, lease) -> confirmed.contains(id)
                                ? (stops.containsKey(id) && lease.operation() != null
                                        ? lease.confirmedAt(now).stopped(stops.get(id)) : lease.confirmedAt(now))
                                : now - lease.confirmed() > this.lease.toNanos() ? null
                                : lease.markedLost());
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
