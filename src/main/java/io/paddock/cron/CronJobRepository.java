package io.paddock.cron;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Queries on cron jobs. Jobs whose schedule is still being created are not shown. */
@ApplicationScoped
public class CronJobRepository implements PanacheRepositoryBase<CronJob, UUID> {

    public Uni<List<CronJob>> listShown(UUID environmentId) {
        return list("environmentId = :e and scheduleArn is not null order by name",
                Parameters.with("e", environmentId));
    }

    /** The jobs of several environments, for their environment bodies. */
    public Uni<List<CronJob>> listShown(List<UUID> environmentIds) {
        return list("environmentId in :e and scheduleArn is not null order by name",
                Parameters.with("e", environmentIds));
    }

    public Uni<CronJob> findShown(UUID environmentId, String name) {
        return find("environmentId = :e and name = :n and scheduleArn is not null",
                Parameters.with("e", environmentId).and("n", name)).firstResult();
    }

    /** Any job of that name, shown or still being created. */
    public Uni<CronJob> findAny(UUID environmentId, String name) {
        return find("environmentId = :e and name = :n", Parameters.with("e", environmentId).and("n", name))
                .firstResult();
    }
}
