package io.paddock.environments;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApplicationEnvironmentRepository implements PanacheRepositoryBase<ApplicationEnvironment, UUID> {

    private static final List<EnvironmentStatus> NOT_LIVE = List.of(EnvironmentStatus.FAILED, EnvironmentStatus.DELETING);

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

    public Uni<Long> countLive(String organisation, String application) {
        return count("organisation = :o and application = :a and status not in :notLive",
                Parameters.with("o", organisation).and("a", application).and("notLive", NOT_LIVE));
    }

    public Uni<Long> deleteFailed(String organisation, String application, String envName) {
        return delete("organisation = :o and application = :a and envName = :e and status = :failed",
                Parameters.with("o", organisation).and("a", application).and("e", envName)
                        .and("failed", EnvironmentStatus.FAILED));
    }

    /**
     * Serialises the writes that count or name an application's environments (the environment limit, name
     * checks) until the transaction ends.
     */
    public Uni<Void> lockApplication(String organisation, String application) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtextextended(?1, 0))",
                                Integer.class)
                        .setParameter(1, organisation + "/" + application)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
