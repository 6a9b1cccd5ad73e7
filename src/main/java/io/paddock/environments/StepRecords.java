package io.paddock.environments;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The steps of running operations, written as they start: {@code [{step, at}]} appended to the operation's
 * {@code steps}. The steps that start together (the branches of a create that start at once, and under load the
 * steps of many environments) are written by one statement: the first step of a quiet moment waits only for the
 * rest of its event-loop turn, and steps that start while a write is out go together in the next one. A step's
 * time is when it started, not when it was written.
 * <p>
 * A step's write is not waited for by the step itself; a write that fails loses those lines of the history only.
 * Settling an environment waits for its steps already started to be written ({@link #written}), so an ended
 * operation shows every step it took.
 */
@ApplicationScoped
class StepRecords {

    private static final Logger LOG = Logger.getLogger(StepRecords.class);

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /*
     * One row per environment: its new steps as a JSON array, appended to the operation the fence names, or with no
     * operation named (a reconciler's take-over) to the one running on the environment.
     */
    private static final String APPEND = "UPDATE environment_operation o SET steps = o.steps || s.steps::jsonb "
            + "FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS s(environment_id, operation_id, steps) "
            + "WHERE o.environment_id = s.environment_id "
            + "AND (o.id = s.operation_id OR (s.operation_id IS NULL AND o.ended_at IS NULL))";

    private record Key(UUID environmentId, UUID operation) {
    }

    /** The steps waiting for a write, and what completes once it is done. */
    private static final class Batch {
        final Map<Key, JsonArray> steps = new LinkedHashMap<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
    }

    private final Pool pool;
    private Batch waiting;
    private boolean writing;
    /** The batch holding each environment's latest step not yet written. */
    private final Map<UUID, Batch> pending = new HashMap<>();
    private long statements;

    StepRecords(Pool pool) {
        this.pool = pool;
    }

    /** Records that {@code step} of the work {@code fence} holds starts now. */
    void started(Fence fence, String step) {
        JsonObject line = new JsonObject().put("step", step).put("at", AT.format(Instant.now()));
        boolean schedule;
        synchronized (this) {
            if (waiting == null) {
                waiting = new Batch();
            }
            waiting.steps.computeIfAbsent(new Key(fence.environmentId(), fence.operation()), k -> new JsonArray())
                    .add(line);
            pending.put(fence.environmentId(), waiting);
            schedule = !writing;
            writing = true;
        }
        if (schedule) {
            Context context = Vertx.currentContext();
            if (context == null) {
                write();
            } else {
                context.runOnContext(ignored -> write());
            }
        }
    }

    /** Completes once the steps of {@code environmentId} started so far are written (or their write failed). */
    Uni<Void> written(UUID environmentId) {
        CompletableFuture<Void> done;
        synchronized (this) {
            Batch batch = pending.get(environmentId);
            if (batch == null) {
                return Uni.createFrom().voidItem();
            }
            done = batch.done;
        }
        Context context = Vertx.currentContext();
        Uni<Void> written = Uni.createFrom().completionStage(done);
        return context == null ? written : written.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** How many statements have written steps so far. */
    synchronized long statements() {
        return statements;
    }

    private void write() {
        Batch batch;
        synchronized (this) {
            batch = waiting;
            waiting = null;
            if (batch == null) {
                writing = false;
                return;
            }
            statements++;
        }
        List<UUID> environments = new ArrayList<>(batch.steps.size());
        List<UUID> operations = new ArrayList<>(batch.steps.size());
        List<String> steps = new ArrayList<>(batch.steps.size());
        batch.steps.forEach((key, lines) -> {
            environments.add(key.environmentId());
            operations.add(key.operation());
            steps.add(lines.encode());
        });
        pool.preparedQuery(APPEND)
                .execute(Tuple.of(environments.toArray(UUID[]::new), operations.toArray(UUID[]::new),
                        steps.toArray(String[]::new)))
                .subscribe()
                .with(ignored -> finished(batch), e -> {
                    LOG.debugf("steps of %d environments not recorded: %s", environments.size(), e.getMessage());
                    finished(batch);
                });
    }

    private void finished(Batch batch) {
        synchronized (this) {
            batch.steps.keySet().forEach(key -> pending.remove(key.environmentId(), batch));
        }
        batch.done.complete(null);
        write();
    }
}
