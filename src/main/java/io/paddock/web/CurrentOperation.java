package io.paddock.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.arc.Arc;

/**
 * The operation the request being handled started, if it started one: every answer of a change names it in the
 * {@value #HEADER} header ({@link OperationHeader}), and the audit trail records it.
 */
@RequestScoped
public class CurrentOperation {

    public static final String HEADER = "Operation-Id";

    private UUID id;

    public Optional<UUID> find() {
        return Optional.ofNullable(id);
    }

    public void set(UUID id) {
        this.id = id;
    }

    /** Records {@code id} as the current request's operation; outside a request (background work) does nothing. */
    public static void started(UUID id) {
        if (Arc.container().requestContext().isActive()) {
            Arc.container().instance(CurrentOperation.class).get().set(id);
        }
    }
}
