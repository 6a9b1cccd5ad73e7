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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Operations", description = "Every change of an environment: follow it, read its history, cancel it")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class OperationResource {

    private static final int MOST = 100;

    @Inject
    OperationHistory history;
    @Inject
    EnvironmentTransitions transitions;
    @Inject
    EnvironmentViews environments;

    @GET
    @Operation(operationId = "listEnvironmentOperations", summary = "The environment's operations, newest first",
            description = "Also after the environment is deleted, while the operations are kept. next names the following "
                    + "(older) page.")
    @APIResponse(responseCode = "200", description = "A page of operations",
            content = @Content(schema = @Schema(implementation = OperationPage.class)))
    @APIResponse(responseCode = "400", description = "limit out of range, or before names no operation of this environment")
    @APIResponse(responseCode = "404", description = "No such environment, and no operation of one by that name")
    public Uni<OperationPage> list(@BeanParam EnvironmentPath path,
            @Parameter(description = "Operations per page, 1-100 (20)") @QueryParam("limit") Integer limit,
            @Parameter(description = "Only operations older than this one (the cursor next carries)")
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
    @Operation(operationId = "getEnvironmentOperation", summary = "One operation of the environment")
    @APIResponse(responseCode = "200", description = "The operation",
            content = @Content(schema = @Schema(implementation = OperationView.class)))
    @APIResponse(responseCode = "404", description = "No such operation of this environment")
    public Uni<OperationView> get(@BeanParam EnvironmentPath path, @PathParam("operation") String operation) {
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
    @Operation(operationId = "cancelEnvironmentOperation", summary = "Cancel a running operation",
            description = "The operation stops before its next cloud step and undoes what it made (a cancelled create leaves "
                    + "nothing, a cancelled change puts back what ran before it), then ends CANCELLED. Answers at once with "
                    + "the operation CANCELLING; follow it to its end. A step already running is let finish, so an operation "
                    + "that has no step left ends as it would have.")
    @APIResponse(responseCode = "202", description = "The operation is CANCELLING",
            content = @Content(schema = @Schema(implementation = OperationView.class)))
    @APIResponse(responseCode = "404", description = "No such operation of this environment")
    @APIResponse(responseCode = "409", description = "OperationEnded: it has ended; or OperationNotCancellable: a delete")
    public Uni<Response> cancel(@BeanParam EnvironmentPath path, @PathParam("operation") String operation) {
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
