package io.paddock.catalog;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.paddock.catalog.CatalogDtos.EnvironmentView;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/**
 * The catalog's queries. None opens a session or transaction of its own: each runs in the caller's, which
 * is what lets {@link #rulesFor(String)} join the application-environments service's transaction.
 */
@ApplicationScoped
public class CatalogEnvironmentRepository implements PanacheRepositoryBase<CatalogEnvironment, String> {

    /*
     * One round trip for an environment and both of its counts. projectCount counts applications, not rows:
     * live application environments (not FAILED, not DELETING) of this name, per organisation and application.
     * Names are ordered bytewise (COLLATE "C") so the order does not depend on the database's locale.
     */
    private static final String VIEW = """
            SELECT e.name, e.type, e.enabled, e.protected, e.sort_order,
                   (SELECT count(DISTINCT (a.organisation, a.application))
                      FROM application_environment a
                     WHERE a.env_name = e.name
                       AND a.status NOT IN ('FAILED', 'DELETING')) AS project_count,
                   (SELECT count(*)
                      FROM api_token t
                     WHERE t.environment = e.name) AS api_token_count
              FROM catalog_environment e
            """;

    private static final String ORDER = " ORDER BY e.sort_order, e.name COLLATE \"C\"";

    private static final String PROJECT_COUNT = """
            SELECT count(DISTINCT (a.organisation, a.application))
              FROM application_environment a
             WHERE a.env_name = :name
               AND a.status NOT IN ('FAILED', 'DELETING')
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

    /** Every environment with its counts, ordered by sortOrder, then name. */
    public Uni<List<EnvironmentView>> listViews() {
        return getSession()
                .chain(session -> session.createNativeQuery(VIEW + ORDER, Object[].class)
                        .getResultList())
                .map(rows -> rows.stream().map(CatalogEnvironmentRepository::toView).toList());
    }

    /** One environment with its counts, or null. Flush pending changes first: this is plain SQL. */
    public Uni<EnvironmentView> findView(String name) {
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

    private static EnvironmentView toView(Object[] row) {
        return new EnvironmentView(
                (String) row[0],
                (String) row[1],
                (Boolean) row[2],
                (Boolean) row[3],
                ((Number) row[4]).intValue(),
                ((Number) row[5]).longValue(),
                ((Number) row[6]).longValue());
    }
}
