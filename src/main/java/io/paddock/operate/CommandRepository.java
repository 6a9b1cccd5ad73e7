package io.paddock.operate;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Queries on commands. A command whose task has not been started yet (task_arn null) is not shown. */
@ApplicationScoped
public class CommandRepository implements PanacheRepositoryBase<Command, UUID> {

    /** The newest {@code limit} commands of an environment. */
    public Uni<List<Command>> listShown(UUID environmentId, int limit) {
        return find("environmentId = :e and taskArn is not null order by createdAt desc",
                Parameters.with("e", environmentId)).page(0, limit).list();
    }

    public Uni<Command> findShown(UUID environmentId, UUID id) {
        return find("environmentId = :e and id = :id and taskArn is not null",
                Parameters.with("e", environmentId).and("id", id)).firstResult();
    }
}
