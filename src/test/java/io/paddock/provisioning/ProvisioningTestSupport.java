package io.paddock.provisioning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.provisioning.local.LocalInventory;
import io.paddock.provisioning.local.LocalResourceType;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs provisioning calls the way a request does (subscribed on a Vert.x context), and reads the ledger and
 * the local cloud's inventory straight from PostgreSQL.
 */
@ApplicationScoped
public class ProvisioningTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    LocalCloudSettings settings;

    @Inject
    LocalCloudCalls calls;

    @Inject
    LocalInventory inventory;

    /** What a call ended with, and where: the context it was called on and the one it completed on. */
    public record Outcome<T>(T item, Throwable failure, Context calledOn, Context completedOn, boolean onEventLoop) {

        public T get() {
            if (failure != null) {
                throw new AssertionError("expected success, got " + failure, failure);
            }
            return item;
        }
    }

    /** Calls on a fresh Vert.x context (as a request would) and waits from the test thread. */
    public <T> Outcome<T> run(Supplier<Uni<T>> call) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> {
                Context calledOn = Vertx.currentContext();
                return call.get()
                        .onItemOrFailure().transform((item, failure) -> new Outcome<>(item, failure, calledOn,
                                Vertx.currentContext(), Context.isOnEventLoopThread()));
            });
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    public <T> T await(Supplier<Uni<T>> call) {
        return run(call).get();
    }

    public ProvisioningFailedException failure(Supplier<Uni<?>> call) {
        Outcome<?> outcome = run(() -> call.get().map(item -> (Object) item));
        if (outcome.failure() instanceof ProvisioningFailedException failed) {
            return failed;
        }
        throw new AssertionError("expected ProvisioningFailedException, got " + outcome.failure() + " / "
                + outcome.item(), outcome.failure());
    }

    public void resetCloud() {
        settings.reset();
        calls.clear();
    }

    /** A resource in the local cloud that no ledger knows of, as a create whose answer was lost leaves one. */
    public void insertInventory(String id, LocalResourceType type, UUID environmentId) {
        inventory.insert(new LocalInventory.Resource(id, type, environmentId, id, null, new JsonObject()))
                .await().atMost(WAIT);
    }

    public List<Row> ledger(UUID environmentId) {
        return rows("SELECT * FROM provisioned_resource WHERE environment_id = $1 ORDER BY seq", environmentId);
    }

    /** Forgets what the ledger holds for an environment, as a crash between a call and its ledger row would. */
    public void clearLedger(UUID environmentId) {
        pool.preparedQuery("DELETE FROM provisioned_resource WHERE environment_id = $1").execute(Tuple.of(environmentId))
                .await().atMost(WAIT);
    }

    public List<Row> inventory(UUID environmentId) {
        return rows("SELECT * FROM local_cloud_resource WHERE environment_id = $1", environmentId);
    }

    public List<String> ledgerKinds(UUID environmentId) {
        return ledger(environmentId).stream().map(row -> row.getString("kind")).toList();
    }

    public List<String> inventoryTypes(UUID environmentId) {
        return inventory(environmentId).stream().map(row -> row.getString("type")).sorted().toList();
    }

    public boolean inInventory(String id) {
        return !rows("SELECT * FROM local_cloud_resource WHERE id = $1", id).isEmpty();
    }

    public Row inventoryRow(String id) {
        return rows("SELECT * FROM local_cloud_resource WHERE id = $1", id).get(0);
    }

    public long inventoryCount(String type) {
        return rows("SELECT count(*) AS n FROM local_cloud_resource WHERE type = $1", type).get(0).getLong("n");
    }

    private List<Row> rows(String sql, Object parameter) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }
}
