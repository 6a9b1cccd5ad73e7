package io.paddock.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.paddock.PaddockConfig;
import io.paddock.audit.AuditDtos.AuditEventView;
import io.paddock.provisioning.GroupedStatement;
import io.paddock.provisioning.Retention;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit trail's table: events written as requests end (grouped into one round trip when many end together),
 * read newest first with filters and a cursor, and removed in the background once older than the retention.
 */
@ApplicationScoped
public class AuditEvents {

    /** The name {@link Retention} knows the audit trail's rows by. */
    public static final String RETAINED = "audit events";

    private static final String INSERT = "INSERT INTO audit_event (token_id, token_name, organisation, method, path, "
            + "status, operation_id, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq";

    /*
     * Newest first, after the cursor (seq below $1 when given), filtered by the time, the organisation and the token
     * when given; one row more than the page, to tell whether there is a next page.
     */
    private static final String PAGE = "SELECT seq, at, token_id, token_name, organisation, method, path, status, "
            + "operation_id, idempotency_key FROM audit_event "
            + "WHERE ($1::bigint IS NULL OR seq < $1) AND ($2::timestamptz IS NULL OR at >= $2) "
            + "AND ($3::text IS NULL OR organisation = $3) AND ($4::uuid IS NULL OR token_id = $4) "
            + "ORDER BY seq DESC LIMIT $5";

    /* In batches, so that a long backlog never holds one long transaction. */
    private static final String REMOVE_OLD = "DELETE FROM audit_event WHERE seq IN (SELECT seq FROM audit_event "
            + "WHERE at < now() - make_interval(secs => $1) ORDER BY seq LIMIT 10000)";

    private final Pool pool;
    private final GroupedStatement insert;

    @Produces
    static Retention.Rows retained(PaddockConfig config) {
        return new Retention.Rows(RETAINED, REMOVE_OLD, config.audit().retention(), config.audit().cleanupInterval());
    }

    AuditEvents(Pool pool) {
        this.pool = pool;
        this.insert = GroupedStatement.write(pool, INSERT);
    }

    /** What one mutating request did, as the trail records it: never its body. */
    public record Entry(UUID tokenId, String tokenName, String organisation, String method, String path, int status,
            UUID operationId, String idempotencyKey) {
    }

    public Uni<Void> record(Entry entry) {
        return insert.execute(Tuple.tuple()
                        .addUUID(entry.tokenId())
                        .addString(entry.tokenName())
                        .addString(entry.organisation())
                        .addString(entry.method())
                        .addString(entry.path())
                        .addInteger(entry.status())
                        .addUUID(entry.operationId())
                        .addString(entry.idempotencyKey()))
                .replaceWithVoid();
    }

    /** A page of events, newest first: up to {@code limit}, and whether older ones follow. */
    public record Page(List<AuditEventView> events, boolean more) {
    }

    public Uni<Page> page(Long before, OffsetDateTime since, String organisation, UUID token, int limit) {
        return pool.preparedQuery(PAGE)
                .execute(Tuple.tuple()
                        .addLong(before)
                        .addOffsetDateTime(since)
                        .addString(organisation)
                        .addUUID(token)
                        .addInteger(limit + 1))
                .map(rows -> {
                    List<AuditEventView> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(view(row));
                    }
                    boolean more = events.size() > limit;
                    return new Page(more ? events.subList(0, limit) : events, more);
                });
    }

    private static AuditEventView view(Row row) {
        UUID operation = row.getUUID("operation_id");
        UUID token = row.getUUID("token_id");
        return new AuditEventView(row.getLong("seq"), row.getOffsetDateTime("at").toString(),
                token == null ? null : token.toString(), row.getString("token_name"), row.getString("organisation"),
                row.getString("method"), row.getString("path"), row.getInteger("status"),
                operation == null ? null : operation.toString(), row.getString("idempotency_key"));
    }
}
