package io.paddock.provisioning.local;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.PaddockConfig;
import io.paddock.PaddockConfig.Cloud.Provider;
import io.paddock.provisioning.GroupedStatement;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The local cloud's live resources, kept in PostgreSQL so they outlive a restart, and counted by type in the
 * gauge {@code paddock_cloud_resources{provider="local",type=...}}. The counts are read from the table at
 * start-up and follow every insert and delete made here.
 */
@ApplicationScoped
public class LocalInventory {

    /** One live resource. */
    public record Resource(String id, LocalResourceType type, UUID environmentId, String name, String parentId,
            JsonObject attributes) {
    }

    private static final String COLUMNS = "id, type, environment_id, name, parent_id, attributes";

    private final Pool pool;
    private final GroupedStatement insert;
    private final GroupedStatement find;
    private final GroupedStatement environmentOf;
    private final MeterRegistry registry;
    private final Provider provider;
    private final Map<LocalResourceType, AtomicLong> counts = new EnumMap<>(LocalResourceType.class);

    LocalInventory(Pool pool, MeterRegistry registry, PaddockConfig config) {
        this.pool = pool;
        this.insert = GroupedStatement.write(pool,
                "INSERT INTO local_cloud_resource (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6)");
        this.find = GroupedStatement.read(pool,
                "SELECT " + COLUMNS + " FROM local_cloud_resource WHERE id = $1 AND type = $2");
        this.environmentOf = GroupedStatement.read(pool, "SELECT environment_id FROM local_cloud_resource WHERE id = $1");
        this.registry = registry;
        this.provider = config.cloud().provider();
        for (LocalResourceType type : LocalResourceType.values()) {
            counts.put(type, new AtomicLong());
        }
    }

    /** Loads the counts from the table (on the start-up thread, before any request) and exports them. */
    void start(@Observes StartupEvent event) {
        if (provider != Provider.LOCAL) {
            return;
        }
        refresh().await().atMost(Duration.ofSeconds(30));
        for (LocalResourceType type : LocalResourceType.values()) {
            AtomicLong count = counts.get(type);
            Gauge.builder("paddock.cloud.resources", count, AtomicLong::get)
                    .description("Live resources in the cloud provider")
                    .tag("provider", "local")
                    .tag("type", type.tag())
                    .register(registry);
        }
    }

    /** Sets the exported counts to what the table holds (what earlier runs of Paddock left there included). */
    public Uni<Void> refresh() {
        return countByType()
                .invoke(stored -> counts.forEach((type, count) -> count.set(stored.getOrDefault(type, 0L))))
                .replaceWithVoid();
    }

    /** Adds a resource. Inserts and look-ups that concurrent calls make at the same moment share a round trip. */
    public Uni<Void> insert(Resource resource) {
        return insert.execute(Tuple.of(resource.id(), resource.type().tag(), resource.environmentId(), resource.name(),
                        resource.parentId(), resource.attributes()))
                .invoke(() -> counts.get(resource.type()).incrementAndGet())
                .replaceWithVoid();
    }

    public Uni<Optional<Resource>> find(String id, LocalResourceType type) {
        return find.executeForRow(Tuple.of(id, type.tag()))
                .map(row -> Optional.ofNullable(row).map(LocalInventory::toResource));
    }

    /** Those of the ids that exist as resources of that type, in one query. */
    public Uni<List<Resource>> findAll(List<String> ids, LocalResourceType type) {
        return select("id = ANY($1) AND type = $2", Tuple.of(ids.toArray(String[]::new), type.tag()));
    }

    /** The resources, of whatever type, that have these ids, by id, in one query. */
    public Uni<Map<String, Resource>> findAny(List<String> ids) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM local_cloud_resource WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Resource> found = new HashMap<>();
                    for (Row row : rows) {
                        Resource resource = toResource(row);
                        found.put(resource.id(), resource);
                    }
                    return found;
                });
    }

    public Uni<List<Resource>> children(String parentId, LocalResourceType type) {
        return select("parent_id = $1 AND type = $2 ORDER BY created_at", Tuple.of(parentId, type.tag()));
    }

    /** The environment a resource was made for (from its tags, or its parent's), if it exists. */
    public Uni<UUID> environmentOf(String id) {
        return environmentOf.executeForRow(Tuple.of(id))
                .map(row -> row == null ? null : row.getUUID("environment_id"));
    }

    public Uni<Void> updateAttributes(String id, JsonObject attributes) {
        return pool.preparedQuery("UPDATE local_cloud_resource SET attributes = $2 WHERE id = $1")
                .execute(Tuple.of(id, attributes))
                .replaceWithVoid();
    }

    /** Deletes one resource; false when there was none of that type with that id. */
    public Uni<Boolean> delete(String id, LocalResourceType type) {
        return pool.preparedQuery("DELETE FROM local_cloud_resource WHERE id = $1 AND type = $2")
                .execute(Tuple.of(id, type.tag()))
                .invoke(rows -> counts.get(type).addAndGet(-rows.rowCount()))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Deletes the resources of a type that belong to a parent (the rules of a deleted security group). */
    public Uni<Void> deleteChildren(String parentId, LocalResourceType type) {
        return pool.preparedQuery("DELETE FROM local_cloud_resource WHERE parent_id = $1 AND type = $2")
                .execute(Tuple.of(parentId, type.tag()))
                .invoke(rows -> counts.get(type).addAndGet(-rows.rowCount()))
                .replaceWithVoid();
    }

    /** The resource of that type and name that belongs to no environment (a shared security group). */
    public Uni<Optional<Resource>> findShared(LocalResourceType type, String name) {
        return select("type = $1 AND name = $2 AND environment_id IS NULL", Tuple.of(type.tag(), name))
                .map(found -> found.stream().findFirst());
    }

    /** The rules of a listener (the same partial index as {@link #highestPriority}). */
    public Uni<List<Resource>> listenerRules(String listenerArn) {
        return select("type = 'listener-rule' AND attributes ->> 'listenerArn' = $1", Tuple.of(listenerArn));
    }

    /** The services that run with the security group. */
    public Uni<List<Resource>> servicesWith(String groupId) {
        return select("type = $1 AND attributes -> 'securityGroups' ? $2",
                Tuple.of(LocalResourceType.SERVICE.tag(), groupId));
    }

    /** The next revision number of a task definition family; numbers are never reused. */
    public Uni<Integer> nextRevision(String family) {
        return pool.preparedQuery("INSERT INTO local_cloud_task_family (family, last_revision) VALUES ($1, 1)"
                        + " ON CONFLICT (family) DO UPDATE SET last_revision = local_cloud_task_family.last_revision + 1"
                        + " RETURNING last_revision")
                .execute(Tuple.of(family))
                .map(rows -> rows.iterator().next().getInteger("last_revision"));
    }

    /**
     * The highest listener rule priority in use on a listener. The type (LISTENER_RULE's tag) is written into
     * the statement, not bound, so that the planner uses the partial index on listener rules (V7) instead of
     * reading every resource.
     */
    public Uni<Integer> highestPriority(String listenerArn) {
        return pool.preparedQuery("SELECT coalesce(max((attributes ->> 'priority')::int), 0) AS highest"
                        + " FROM local_cloud_resource WHERE type = 'listener-rule' AND attributes ->> 'listenerArn' = $1")
                .execute(Tuple.of(listenerArn))
                .map(rows -> rows.iterator().next().getInteger("highest"));
    }

    /** The environment's live resources. */
    public Uni<List<Resource>> ofEnvironment(UUID environmentId) {
        return select("environment_id = $1", Tuple.of(environmentId));
    }

    /** Every resource that belongs to an environment. */
    public Uni<List<Resource>> ofAnyEnvironment() {
        return pool.query("SELECT " + COLUMNS + " FROM local_cloud_resource WHERE environment_id IS NOT NULL")
                .execute()
                .map(LocalInventory::toResources);
    }

    /** How many live resources of each type the table holds. */
    public Uni<Map<LocalResourceType, Long>> countByType() {
        return pool.query("SELECT type, count(*) AS n FROM local_cloud_resource GROUP BY type")
                .execute()
                .map(rows -> {
                    Map<LocalResourceType, Long> result = new EnumMap<>(LocalResourceType.class);
                    for (Row row : rows) {
                        result.put(LocalResourceType.byTag(row.getString("type")), row.getLong("n"));
                    }
                    return result;
                });
    }

    /** The rows of {@code local_cloud_resource} that match: {@code where} is the statement's text after WHERE. */
    private Uni<List<Resource>> select(String where, Tuple args) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM local_cloud_resource WHERE " + where)
                .execute(args)
                .map(LocalInventory::toResources);
    }

    private static List<Resource> toResources(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(LocalInventory::toResource).toList();
    }

    private static Resource toResource(Row row) {
        return new Resource(row.getString("id"), LocalResourceType.byTag(row.getString("type")),
                row.getUUID("environment_id"), row.getString("name"), row.getString("parent_id"),
                row.getJsonObject("attributes"));
    }
}
