package io.paddock.environments;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The application environments' queries. The Panache ones run in the caller's Hibernate Reactive session. The
 * create's two writes ({@link #insertCreating}, {@link #settleCreating}) are single statements on the SQL client
 * instead, each its own transaction: a create is the hot path, and as Hibernate transactions they were eleven
 * round trips where these are two.
 */
@ApplicationScoped
public class ApplicationEnvironmentRepository implements PanacheRepositoryBase<ApplicationEnvironment, UUID> {

    /** The function V12 defines: the create's checks and its insert, under the application's lock. */
    private static final String INSERT_CREATING = "SELECT outcome, live_count FROM insert_creating_environment("
            + "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

    /*
     * A create's outcome, written only while this replica still holds the environment's lease: once the lease
     * has run out, a reconciler has claimed the environment and is rolling it back (and writes FAILED through
     * the same statement, under its own lease).
     */
    private static final String SETTLE_CREATING = "UPDATE application_environment SET status = $3, provisioned = $4, "
            + "failure = $5, lease_owner = NULL, lease_expires_at = NULL, updated_at = $6, version = version + 1 "
            + "WHERE id = $1 AND lease_owner = $2 AND status = 'CREATING'";

    /*
     * Counts read from the provider, for any number of environments in one statement (a list may hold a
     * thousand). The version condition drops a count that raced with a change made since the read; the counts
     * are not a change of the environment, so they leave its version as it is.
     */
    private static final String STORE_COUNTS = "UPDATE application_environment a "
            + "SET running_count = c.running_count, desired_count = c.desired_count "
            + "FROM unnest($1::uuid[], $2::integer[], $3::integer[], $4::integer[]) AS c(id, running_count, desired_count, version) "
            + "WHERE a.id = c.id AND a.version = c.version";

    /** What {@link #insertCreating} found: {@code created}, or why not, with the application's live environments. */
    public record Creating(String outcome, long liveCount) {
    }

    private final Pool pool;

    ApplicationEnvironmentRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Inserts the environment as CREATING with its lease, unless the application has a live environment of
     * that name ({@code name-exists}), the catalog environment of that name is disabled ({@code catalog-disabled})
     * or the application has {@code limit} live environments ({@code limit-reached}). A FAILED environment of
     * that name gives way. One statement under the application's advisory lock; see V12.
     */
    public Uni<Creating> insertCreating(ApplicationEnvironment env, int limit) {
        Tuple args = Tuple.tuple()
                .addUUID(env.id)
                .addString(env.organisation)
                .addString(env.application)
                .addString(env.envName)
                .addInteger(env.minCapacity)
                .addInteger(env.maxCapacity)
                .addInteger(env.desiredCount)
                .addString(env.cloneConfigurationFrom)
                .addString(env.imageSuffix)
                .addString(env.compose)
                .addOffsetDateTime(env.createdAt)
                .addString(env.leaseOwner)
                .addOffsetDateTime(env.leaseExpiresAt)
                .addInteger(limit);
        return pool.preparedQuery(INSERT_CREATING)
                .execute(args)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    Long live = row.getLong(1);
                    return new Creating(row.getString(0), live == null ? 0 : live);
                });
    }

    /** Stores these environments' running and desired counts, except where the row's version has moved on. */
    public Uni<Integer> storeCounts(List<ApplicationEnvironment> envs) {
        UUID[] ids = new UUID[envs.size()];
        Integer[] running = new Integer[envs.size()];
        Integer[] desired = new Integer[envs.size()];
        Integer[] versions = new Integer[envs.size()];
        for (int i = 0; i < envs.size(); i++) {
            ApplicationEnvironment env = envs.get(i);
            ids[i] = env.id;
            running[i] = env.runningCount;
            desired[i] = env.desiredCount;
            versions[i] = env.version;
        }
        return pool.preparedQuery(STORE_COUNTS)
                .execute(Tuple.tuple().addArrayOfUUID(ids).addArrayOfInteger(running).addArrayOfInteger(desired)
                        .addArrayOfInteger(versions))
                .map(rows -> rows.rowCount());
    }

    /**
     * Records a create's outcome (ACTIVE with what was provisioned, or FAILED with why) and releases the lease
     * {@code owner} holds; false when the environment is no longer CREATING under that lease.
     */
    public Uni<Boolean> settleCreating(UUID id, String owner, EnvironmentStatus status, String provisioned,
            String failure, OffsetDateTime now) {
        return pool.preparedQuery(SETTLE_CREATING)
                .execute(Tuple.of(id, owner, status.name(), provisioned, failure, now))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The environment of that name that holds it, or the newest failed one; null when neither exists. */
    public Uni<ApplicationEnvironment> findVisible(String organisation, String application, String envName) {
        return visible(organisation, application, envName).firstResult();
    }

    /** The same, locked for the rest of the transaction. */
    public Uni<ApplicationEnvironment> findVisibleForUpdate(String organisation, String application, String envName) {
        return visible(organisation, application, envName)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private PanacheQuery<ApplicationEnvironment> visible(String organisation, String application, String envName) {
        return find("organisation = :o and application = :a and envName = :e and status <> :deleting "
                + "order by case when status = :failed then 1 else 0 end, createdAt desc",
                Parameters.with("o", organisation).and("a", application).and("e", envName)
                        .and("deleting", EnvironmentStatus.DELETING).and("failed", EnvironmentStatus.FAILED));
    }

    /** Every environment of the application that a GET shows (not DELETING), by name. */
    public Uni<List<ApplicationEnvironment>> listVisible(String organisation, String application) {
        return list("organisation = :o and application = :a and status <> :deleting order by envName, createdAt desc",
                Parameters.with("o", organisation).and("a", application).and("deleting", EnvironmentStatus.DELETING));
    }
}
