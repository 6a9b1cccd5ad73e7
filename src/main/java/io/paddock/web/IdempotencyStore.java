package io.paddock.web;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.paddock.PaddockConfig;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;

/** Idempotency keys and the first responses to their requests, in PostgreSQL (shared by all replicas). */
@ApplicationScoped
public class IdempotencyStore {

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    /** What a request with a key finds. */
    public sealed interface Outcome {
    }

    /** The key is new (or expired): this request does the work. */
    public record Fresh() implements Outcome {
    }

    /** The first request with this key finished: its response. */
    public record Finished(int status, Map<String, String> headers, String body) implements Outcome {
    }

    /** The first request with this key is still running. */
    public record Running() implements Outcome {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Outcome {
    }

    @Inject Pool pool;
    @Inject Vertx vertx;
    @Inject PaddockConfig config;

    void schedulePurge(@Observes StartupEvent event) {
        vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> pool
                .query("DELETE FROM idempotency_key WHERE expires_at < now()")
                .execute()
                .subscribe()
                .with(rows -> LOG.debugf("purged %d expired idempotency keys", rows.rowCount()),
                        e -> LOG.debugf("idempotency key purge failed: %s", e.getMessage())));
    }

    /** Claims the key for this request, or says what an earlier request with it left. */
    public Uni<Outcome> begin(String scope, String key, byte[] fingerprint) {
        return pool.preparedQuery("INSERT INTO idempotency_key (scope, key, fingerprint, state, expires_at) "
                + "VALUES ($1, $2, $3, 'RUNNING', now() + make_interval(secs => $4)) "
                + "ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, state = 'RUNNING', "
                + "status = NULL, headers = NULL, body = NULL, created_at = now(), expires_at = EXCLUDED.expires_at "
                + "WHERE idempotency_key.expires_at < now() "
                + "   OR (idempotency_key.state = 'RUNNING' AND idempotency_key.created_at < now() - make_interval(secs => $5)) "
                + "RETURNING 1")
                .execute(Tuple.of(scope, key, io.vertx.core.buffer.Buffer.buffer(fingerprint), seconds(config.idempotency().retention()),
                        seconds(config.idempotency().runningTimeout())))
                .chain(inserted -> inserted.rowCount() > 0 ? Uni.createFrom().item((Outcome) new Fresh())
                        : existing(scope, key, fingerprint));
    }

    private Uni<Outcome> existing(String scope, String key, byte[] fingerprint) {
        return pool.preparedQuery("SELECT fingerprint, state, status, headers, body FROM idempotency_key "
                + "WHERE scope = $1 AND key = $2")
                .execute(Tuple.of(scope, key))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        // Purged between the two statements: as good as running; the client retries.
                        return new Running();
                    }
                    Row row = it.next();
                    Buffer stored = row.getBuffer("fingerprint");
                    if (!java.security.MessageDigest.isEqual(stored.getBytes(), fingerprint)) {
                        return new Mismatch();
                    }
                    if ("RUNNING".equals(row.getString("state"))) {
                        return new Running();
                    }
                    Map<String, String> headers = new java.util.LinkedHashMap<>();
                    new JsonObject(row.getString("headers")).forEach(e -> headers.put(e.getKey(), String.valueOf(e.getValue())));
                    return new Finished(row.getInteger("status"), headers, row.getString("body"));
                });
    }

    /** Stores the response to replay for repeats of the request. */
    public Uni<Void> finish(String scope, String key, int status, Map<String, String> headers, String body) {
        return pool.preparedQuery("UPDATE idempotency_key SET state = 'DONE', status = $3, headers = $4, body = $5 "
                + "WHERE scope = $1 AND key = $2")
                .execute(Tuple.of(scope, key, status, new JsonObject(new java.util.HashMap<>(headers)).encode(), body))
                .replaceWithVoid();
    }

    /** Forgets the key, so the request can be tried again with it (after a failure on Paddock's side). */
    public Uni<Void> abandon(String scope, String key) {
        return pool.preparedQuery("DELETE FROM idempotency_key WHERE scope = $1 AND key = $2")
                .execute(Tuple.of(scope, key))
                .replaceWithVoid();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
