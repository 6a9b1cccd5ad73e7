package io.paddock.operations;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.EnvironmentKey;
import io.paddock.environments.EnvironmentPath;
import io.paddock.environments.EnvironmentTransitions;
import io.paddock.environments.EnvironmentTransitions.Cancel;
import io.paddock.environments.EnvironmentViews;
import io.paddock.errors.ApiException;
import io.paddock.operations.OperationDtos.OperationPage;
import io.paddock.operations.OperationDtos.OperationView;
import io.smallrye.mutiny.Uni;

/**
 * An application environment's operations: its history (kept after the environment is deleted, for
 * paddock.operations.retention), one operation, and the cancel of one that runs.
 */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/operations")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class OperationResource {

    private static final int MOST = 100;

    @Inject OperationHistory history;
    @Inject EnvironmentTransitions transitions;
    @Inject EnvironmentViews environments;

    @GET
    @APIResponses
    public Uni<OperationPage> listEnvironmentOperations(@BeanParam EnvironmentPath path,
            @QueryParam("limit") Integer limit,
            @QueryParam("before") String before, UriInfo uri) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MOST) {
            throw ApiException.validation("limit", "must be from 1 to " + MOST + "; you sent " + size);
        }
        EnvironmentKey key = path.key();
        UUID cursor = before == null ? null : operationId("before", before);
        Uni<Void> checked = cursor == null ? Uni.createFrom().voidItem()
                : history.known(key, cursor).invoke(known -> {
                    if (!known) {
                        throw ApiException.validation("before", "names no operation of this environment; send the id "
                                + "a previous page's next carries");
                    }
                }).replaceWithVoid();
        return checked.chain(() -> history.page(key, cursor, size + 1))
                .chain(page -> page.isEmpty() && cursor == null
                        ? environments.find(key).replaceWith(page)
                        : Uni.createFrom().item(page))
                .map(page -> {
                    List<OperationView> shown = page.size() > size ? page.subList(0, size) : page;
                    String next = page.size() > size ? uri.getRequestUriBuilder()
                            .replaceQueryParam("before", shown.get(shown.size() - 1).id())
                            .build().toString() : null;
                    return new OperationPage(List.copyOf(shown), next);
                });
    }

    @GET
    @Path("/{operation}")
    @APIResponses
    public Uni<OperationView> getEnvironmentOperation(@BeanParam EnvironmentPath path, @PathParam("operation") String operation) {
        UUID id = operationId("operation", operation);
        return history.find(path.key(), id)
                .map(found -> {
                    if (found == null) {
                        throw notFound(path, operation);
                    }
                    return found;
                });
    }

    @POST
    @Path("/{operation}/cancel")
    @APIResponses
    public Uni<Response> cancelEnvironmentOperation(@BeanParam EnvironmentPath path, @PathParam("operation") String operation) {
        UUID id = operationId("operation", operation);
        return transitions.cancel(path.key(), id)
                .chain(cancel -> switch (cancel) {
                    case Cancel.Cancelling ignored -> history.find(path.key(), id)
                            .map(view -> Response.accepted(view).build());
                    case Cancel.Unknown ignored -> throw notFound(path, operation);
                    case Cancel.Ended ended -> throw ApiException.conflict("OperationEnded", "Operation " + operation
                            + " has ended (" + ended.status() + "); there is nothing to cancel.");
                    case Cancel.NotCancellable ignored -> throw ApiException.conflict("OperationNotCancellable",
                            "Operation " + operation + " is a delete, which cannot be taken back once it has begun.");
                });
    }

    private static UUID operationId(String parameter, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation(parameter, "must be an operation id (a UUID, as Operation-Id headers carry); "
                    + "you sent " + value);
        }
    }

    private static ApiException notFound(EnvironmentPath path, String operation) {
        return ApiException.notFound("Environment " + path.environment() + " of application " + path.application()
                + " has no operation " + operation + ". List its operations with GET .../operations.");
    }
}
