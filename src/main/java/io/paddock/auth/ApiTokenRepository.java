package io.paddock.auth;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ApiTokenRepository implements PanacheRepositoryBase<ApiToken, UUID> {

    /** Every token, oldest first. */
    public Uni<List<ApiToken>> listOldestFirst() {
        return listAll(Sort.by("createdAt").and("id"));
    }
}
