package io.paddock.environments;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The application environments' queries, in the caller's Hibernate Reactive session. Their status is written
 * by {@link EnvironmentTransitions} only; what this repository writes is the running counts read from the
 * provider.
 */
@ApplicationScoped
public class ApplicationEnvironmentRepository implements PanacheRepositoryBase<ApplicationEnvironment, UUID> {

    /*
     * Counts read from the provider, for any number of environments in one statement (a list may hold a
     * thousand). The version condition drops a count that raced with a change made since the read; the counts
     * are not a change of the environment, so they leave its version as it is.
     */
    private static final String STORE_COUNTS = "UPDATE application_environment a "
            + "SET running_count = c.running_count, desired_count = c.desired_count "
            + "FROM unnest($1::uuid[], $2::integer[], $3::integer[], $4::integer[]) AS c(id, running_count, desired_count, version) "
            + "WHERE a.id = c.id AND a.version = c.version";

    /*
     * The list a GET shows, in one statement on the SQL client (prepared once per connection): only the columns the
     * body shows, not the documents it does not (variables, scaling policies, what ran before a change), with each
     * environment's latest deploying operation (as OperationStatements.latest reads it) and whether it has a cron
     * job to show, so that only those environments' jobs are asked for. $3, when not null, is the only name the
     * caller may see. $4 and $5 are the row versions (id, xmin) whose documents the caller has already made its
     * parts of (ShownDocuments): for those rows the compose and provisioned documents are left out (a list of 1,000
     * is otherwise 1.6 MB of them, sent, sorted and decoded for every GET).
     */
    private static final String LIST_VISIBLE = """
            SELECT a.id, a.env_name, a.status, a.running_count, a.desired_count, a.min_capacity, a.max_capacity,
                   a.clone_configuration_from, a.image_suffix,
                   CASE WHEN k.id IS NULL THEN a.compose END, CASE WHEN k.id IS NULL THEN a.provisioned END,
                   a.failure, a.created_at, a.updated_at, a.version, o.type, o.status, o.failure_reason,
                   EXISTS (SELECT 1 FROM cron_job j WHERE j.environment_id = a.id AND j.schedule_arn IS NOT NULL),
                   a.xmin::text::bigint, k.id IS NOT NULL
              FROM application_environment a
              LEFT JOIN unnest($4::uuid[], $5::bigint[]) AS k(id, xmin)
                     ON k.id = a.id AND k.xmin = a.xmin::text::bigint
              LEFT JOIN LATERAL (SELECT type, status, failure_reason
                                   FROM environment_operation
                                  WHERE environment_id = a.id AND type <> 'CRON'
                                  ORDER BY started_at DESC
                                  LIMIT 1) o ON true
             WHERE a.organisation = $1 AND a.application = $2 AND a.status <> 'DELETING'
               AND ($3::text IS NULL OR a.env_name = $3)
             ORDER BY a.env_name, a.created_at DESC
            """;

    @Inject Pool pool;

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

    /** The environment of that name that holds it, or the newest failed one; null when neither exists. */
    public Uni<ApplicationEnvironment> findVisible(EnvironmentKey key) {
        return visible(key).firstResult();
    }

    /** The same, locked for the rest of the transaction. */
    public Uni<ApplicationEnvironment> findVisibleForUpdate(EnvironmentKey key) {
        return visible(key)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
    }

    private PanacheQuery<ApplicationEnvironment> visible(EnvironmentKey key) {
        return find("organisation = :o and application = :a and envName = :e and status <> :deleting "
                + "order by case when status = :failed then 1 else 0 end, createdAt desc",
                Parameters.with("o", key.organisation()).and("a", key.application()).and("e", key.envName())
                        .and("deleting", EnvironmentStatus.DELETING).and("failed", EnvironmentStatus.FAILED));
    }

    /**
     * Every environment of the application that a GET of the list shows (not DELETING; only {@code envName} when it
     * is not null), by name, as committed, on the SQL client (no session needed). The rows of {@code known} come
     * with the parts made of their documents instead of the documents.
     */
    public Uni<List<EnvironmentViews.Shown>> listShown(String organisation, String application, String envName,
            ShownDocuments.Known known) {
        return pool.preparedQuery(LIST_VISIBLE)
                .execute(Tuple.of(organisation, application, envName).addArrayOfUUID(known.ids())
                        .addArrayOfLong(known.rowVersions()))
                .map(rows -> {
                    List<EnvironmentViews.Shown> shown = new ArrayList<>(rows.size());
                    rows.forEach(row -> shown.add(shown(row, known)));
                    return shown;
                });
    }

    private static EnvironmentViews.Shown shown(Row row, ShownDocuments.Known known) {
        ApplicationEnvironment env = new ApplicationEnvironment();
        env.id = row.getUUID(0);
        env.envName = row.getString(1);
        env.status = EnvironmentStatus.valueOf(row.getString(2));
        env.runningCount = row.getInteger(3);
        env.desiredCount = row.getInteger(4);
        env.minCapacity = row.getInteger(5);
        env.maxCapacity = row.getInteger(6);
        env.cloneConfigurationFrom = row.getString(7);
        env.imageSuffix = row.getString(8);
        env.failure = row.getString(11);
        env.createdAt = row.getOffsetDateTime(12);
        env.updatedAt = row.getOffsetDateTime(13);
        env.version = row.getInteger(14);
        String operation = row.getString(15);
        OperationStatements.Latest latest = operation == null ? null
                : new OperationStatements.Latest(OperationType.valueOf(operation), row.getString(16), row.getString(17));
        long rowVersion = row.getLong(19);
        if (row.getBoolean(20)) {
            ShownDocuments.Entry entry = known.entries().get(env.id);
            env.provisioned = entry.provisionedText();
            return new EnvironmentViews.Shown(env, entry.composeText(), latest, true, row.getBoolean(18), rowVersion,
                    entry.parts());
        }
        env.provisioned = row.getString(10);
        return new EnvironmentViews.Shown(env, row.getString(9), latest, true, row.getBoolean(18), rowVersion, null);
    }
}
