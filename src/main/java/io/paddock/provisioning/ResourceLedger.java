package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The resource ledger: what exists in the cloud for each environment. Written by concurrent branches of a
 * provisioning run, so it uses the reactive pool directly (one statement, one implicit transaction each)
 * rather than a Hibernate Reactive session, which must not be shared by concurrent operations.
 */
@ApplicationScoped
public class ResourceLedger {

    private static final String COLUMNS = "seq, environment_id, kind, provider, provider_id, parent_id, name, created_at";

    private final Pool pool;
    private final GroupedStatement insert;

    ResourceLedger(Pool pool) {
        this.pool = pool;
        this.insert = GroupedStatement.write(pool, "INSERT INTO provisioned_resource"
                + " (environment_id, kind, provider, provider_id, parent_id, name)"
                + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS);
    }

    /**
     * Writes the entry and returns it with its sequence number and time, once it is committed. Entries that
     * concurrent runs record at the same moment share a transaction.
     */
    public Uni<LedgerEntry> record(LedgerEntry entry, String provider) {
        return insert.executeForRow(Tuple.of(entry.environmentId(), entry.kind().name(), provider, entry.providerId(),
                        entry.parentId(), entry.name()))
                .map(ResourceLedger::toEntry);
    }

    /** The environment's entries, newest first. */
    public Uni<List<LedgerEntry>> entries(UUID environmentId) {
        return select("environment_id = $1 ORDER BY seq DESC", Tuple.of(environmentId));
    }

    /** The environment's newest entry, if it has any. */
    public Uni<Optional<LedgerEntry>> newest(UUID environmentId) {
        return select("environment_id = $1 ORDER BY seq DESC LIMIT 1", Tuple.of(environmentId))
                .map(found -> found.stream().findFirst());
    }

    /** The entry of a resource, found by its provider id or ARN. */
    public Uni<Optional<LedgerEntry>> find(ResourceKind kind, String providerId) {
        return select("kind = $1 AND provider_id = $2 ORDER BY seq DESC LIMIT 1", Tuple.of(kind.name(), providerId))
                .map(found -> found.stream().findFirst());
    }

    public Uni<Void> remove(long seq) {
        return pool.preparedQuery("DELETE FROM provisioned_resource WHERE seq = $1")
                .execute(Tuple.of(seq))
                .replaceWithVoid();
    }

    /** The rows of {@code provisioned_resource} that match: {@code where} is the statement's text after WHERE. */
    private Uni<List<LedgerEntry>> select(String where, Tuple args) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM provisioned_resource WHERE " + where)
                .execute(args)
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>(rows.size());
                    rows.forEach(row -> entries.add(toEntry(row)));
                    return entries;
                });
    }

    private static LedgerEntry toEntry(Row row) {
        return new LedgerEntry(
                row.getLong("seq"),
                row.getUUID("environment_id"),
                ResourceKind.valueOf(row.getString("kind")),
                row.getString("provider"),
                row.getString("provider_id"),
                row.getString("parent_id"),
                row.getString("name"),
                row.getOffsetDateTime("created_at"));
    }
}
