package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
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
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM provisioned_resource WHERE environment_id = $1"
                        + " ORDER BY seq DESC")
                .execute(Tuple.of(environmentId))
                .map(ResourceLedger::toEntries);
    }

    /** The environment's newest entry, if it has any. */
    public Uni<Optional<LedgerEntry>> newest(UUID environmentId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM provisioned_resource WHERE environment_id = $1"
                        + " ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(environmentId))
                .map(rows -> toEntries(rows).stream().findFirst());
    }

    /** The entry of a resource, found by its provider id or ARN. */
    public Uni<Optional<LedgerEntry>> find(ResourceKind kind, String providerId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM provisioned_resource WHERE kind = $1 AND provider_id = $2"
                        + " ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(kind.name(), providerId))
                .map(rows -> toEntries(rows).stream().findFirst());
    }

    public Uni<Void> remove(long seq) {
        return pool.preparedQuery("DELETE FROM provisioned_resource WHERE seq = $1")
                .execute(Tuple.of(seq))
                .replaceWithVoid();
    }

    private static List<LedgerEntry> toEntries(RowSet<Row> rows) {
        List<LedgerEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(toEntry(row));
        }
        return entries;
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
