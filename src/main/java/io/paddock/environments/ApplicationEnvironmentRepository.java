package io.paddock.environments;

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

    /** Every environment of the application that a GET shows (not DELETING), by name. */
    public Uni<List<ApplicationEnvironment>> listVisible(String organisation, String application) {
        return list("organisation = :o and application = :a and status <> :deleting order by envName, createdAt desc",
                Parameters.with("o", organisation).and("a", application).and("deleting", EnvironmentStatus.DELETING));
    }
}
