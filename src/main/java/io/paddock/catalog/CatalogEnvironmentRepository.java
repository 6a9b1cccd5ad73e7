package io.paddock.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import io.paddock.catalog.CatalogDtos.CatalogEnvironmentView;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The catalog's queries. The Panache ones open no session or transaction of their own: each runs in the
 * caller's, which is what lets {@link #rulesFor(String)} join the application-environments service's
 * transaction. The hot reads and the create ({@link #insertReturningView}, {@link #findCommittedView},
 * {@link #listCommittedViews}) are single statements on the SQL client instead: prepared once per connection
 * and never parsed again, where Hibernate Reactive's native queries miss its query plan cache on every call.
 */
@ApplicationScoped
public class CatalogEnvironmentRepository implements PanacheRepositoryBase<CatalogEnvironment, String> {

    private static final String API_TOKEN_COUNT = """
            (SELECT count(*)
                      FROM api_token t
                     WHERE t.environment = e.name) AS api_token_count
            """;

    /*
     * One round trip for an environment and both of its counts. projectCount counts applications, not rows: the
     * applications with a live application environment (environment_is_live: not FAILED, not DELETING) of this
     * name. An application has at most one live environment of a name, regardless of case (the unique index
     * application_environment_live_name_idx, V13), so counting the rows counts the applications: count(*), not
     * count(DISTINCT (organisation, application)), which sorts every row first (28 ms against 4 ms for a stage with
     * 6,400 live environments). It still reads one index entry per live environment of the stage (an index-only
     * scan of application_environment_live_env_name_idx, about 1 ms for 8,500), so a GET of one environment
     * reuses a recent count (ProjectCounts, findCommittedView(name, projectCount)).
     * Names are ordered bytewise (COLLATE "C") so the order does not depend on the database's locale.
     */
    private static final String COLUMNS = """
            e.name, e.type, e.enabled, e.protected, e.sort_order,
                   (SELECT count(*)
                      FROM application_environment a
                     WHERE a.env_name = e.name
                       AND environment_is_live(a.status)) AS project_count,
                   """ + API_TOKEN_COUNT;

    private static final String VIEW = "SELECT " + COLUMNS + " FROM catalog_environment e";

    /* The same view of one environment with a projectCount counted earlier ($2, see ProjectCounts). */
    private static final String VIEW_WITH_PROJECT_COUNT = "SELECT e.name, e.type, e.enabled, e.protected, e.sort_order, "
            + "$2::bigint AS project_count, " + API_TOKEN_COUNT + " FROM catalog_environment e WHERE e.name = $1";

    private static final String ORDER = " ORDER BY e.sort_order, e.name COLLATE \"C\"";

    /*
     * A create in one statement, so one round trip and its own transaction: the next sortOrder when none is
     * given (the highest plus one, read through the sort_order index; kept at the maximum once it is reached),
     * the insert, and the view of the new row with its counts. The counts read other tables, which the insert
     * does not change, so the statement's snapshot gives them as a separate query would.
     */
    private static final String INSERT_RETURNING_VIEW = """
            WITH e AS (
                INSERT INTO catalog_environment (name, type, enabled, protected, sort_order)
                SELECT $1, $2, $3, false,
                       coalesce($4::integer, (SELECT CASE WHEN max(sort_order) = 2147483647 THEN max(sort_order)
                                                          ELSE coalesce(max(sort_order) + 1, 1) END
                                                FROM catalog_environment))
                RETURNING name, type, enabled, protected, sort_order)
            SELECT
            """ + COLUMNS + " FROM e";

    @Inject Pool pool;

    private static final String PROJECT_COUNT = """
            SELECT count(*)
              FROM application_environment a
             WHERE a.env_name = :name
               AND environment_is_live(a.status)
            """;

    /**
     * The rules the catalog sets for application environments named {@code envName}; when the catalog has
     * no environment of that name, a {@link CatalogRules} whose {@code exists()} is false (never null).
     * <p>
     * It runs in the caller's Hibernate Reactive session and transaction and opens none of its own, so the
     * application-environments service calls it inside the transaction that creates or deletes an
     * application environment. It takes a share lock on the catalog row ({@code FOR SHARE}): until that
     * transaction ends, the catalog environment cannot be deleted, disabled or changed, and a delete that
     * is waiting counts the new application environment once it goes ahead. Outside a transaction the lock
     * ends with the statement.
     */
    public Uni<CatalogRules> rulesFor(String envName) {
        return find("name", envName)
                .withLock(LockModeType.PESSIMISTIC_READ)
                .firstResult()
                .map(found -> found == null ? CatalogRules.none(envName) : CatalogRules.of(found));
    }

    /**
     * Inserts a new environment (enabled as given, not protected; {@code sortOrder} null for after the current
     * last) and answers its view, in one statement outside any Hibernate session. A name that exists fails
     * with PostgreSQL's unique violation.
     */
    public Uni<CatalogEnvironmentView> insertReturningView(String name, String type, boolean enabled, Integer sortOrder) {
        return pool.preparedQuery(INSERT_RETURNING_VIEW)
                .execute(Tuple.of(name, type, enabled, sortOrder))
                .map(rows -> rows.iterator().next())
                .map(CatalogEnvironmentRepository::toView);
    }

    /** Every environment with its counts, ordered by sortOrder, then name, as committed, on the SQL client (no session needed). */
    public Uni<List<CatalogEnvironmentView>> listCommittedViews() {
        return pool.preparedQuery(VIEW + ORDER)
                .execute()
                .map(rows -> {
                    List<CatalogEnvironmentView> views = new ArrayList<>(rows.size());
                    rows.forEach(row -> views.add(toView(row)));
                    return views;
                });
    }

    /** One environment with its counts as committed, or null, on the SQL client (no session needed). */
    public Uni<CatalogEnvironmentView> findCommittedView(String name) {
        return pool.preparedQuery(VIEW + " WHERE e.name = $1")
                .execute(Tuple.of(name))
                .map(CatalogEnvironmentRepository::firstViewOrNull);
    }

    /** The same, with a projectCount counted earlier: only the environment's row and its tokens are read. */
    public Uni<CatalogEnvironmentView> findCommittedView(String name, long projectCount) {
        return pool.preparedQuery(VIEW_WITH_PROJECT_COUNT)
                .execute(Tuple.of(name, projectCount))
                .map(CatalogEnvironmentRepository::firstViewOrNull);
    }

    /** One environment with its counts, or null, in the caller's session. Flush pending changes first: this is plain SQL. */
    public Uni<CatalogEnvironmentView> findView(String name) {
        return getSession()
                .chain(session -> session.createNativeQuery(VIEW + " WHERE e.name = :name", Object[].class)
                        .setParameter("name", name)
                        .getSingleResultOrNull())
                .map(row -> row == null ? null : toView(row));
    }

    /** The environment, locked for update until the transaction ends, or null. */
    public Uni<CatalogEnvironment> findForUpdate(String name) {
        return findById(name, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The environments of these names that exist, locked for update in name order: transactions that lock
     * overlapping sets always take the locks in the same order, so they wait for each other instead of
     * deadlocking.
     */
    public Uni<List<CatalogEnvironment>> lockAll(Collection<String> names) {
        return find("name in ?1", Sort.by("name"), names)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The number of applications with a live application environment of this name. */
    public Uni<Long> projectCount(String name) {
        return getSession()
                .chain(session -> session.createNativeQuery(PROJECT_COUNT, Long.class)
                        .setParameter("name", name)
                        .getSingleResult());
    }

    /** The highest sortOrder in the catalog, or null when it is empty. */
    public Uni<Integer> maxSortOrder() {
        return getSession()
                .chain(session -> session.createSelectionQuery("select max(e.sortOrder) from CatalogEnvironment e",
                        Integer.class)
                        .getSingleResult());
    }

    /** Sets the enabled flag; the number of environments changed (0 or 1). */
    public Uni<Integer> setEnabled(String name, boolean enabled) {
        return update("enabled = ?1 where name = ?2", enabled, name);
    }

    private static CatalogEnvironmentView firstViewOrNull(RowSet<Row> rows) {
        RowIterator<Row> it = rows.iterator();
        return it.hasNext() ? toView(it.next()) : null;
    }

    private static CatalogEnvironmentView toView(Row row) {
        return new CatalogEnvironmentView(
                row.getString(0),
                row.getString(1),
                row.getBoolean(2),
                row.getBoolean(3),
                row.getInteger(4),
                row.getLong(5),
                row.getLong(6));
    }

    private static CatalogEnvironmentView toView(Object[] row) {
        return new CatalogEnvironmentView(
                (String) row[0],
                (String) row[1],
                (Boolean) row[2],
                (Boolean) row[3],
                ((Number) row[4]).intValue(),
                ((Number) row[5]).longValue(),
                ((Number) row[6]).longValue());
    }
}
