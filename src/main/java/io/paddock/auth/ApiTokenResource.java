package io.paddock.auth;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.ApiTokenDtos.ApiTokenList;
import io.paddock.auth.ApiTokenDtos.CreateApiTokenRequest;
import io.paddock.auth.ApiTokenDtos.CreatedApiToken;
import io.smallrye.mutiny.Uni;

@Path("/api/admin/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "API tokens", description = "Tokens for Paddock's API (admin tokens only)")
@AdminOnly
@APIResponse(responseCode = "403", description = "The token is not an admin token")
public class ApiTokenResource {

    @Inject
    ApiTokenService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiToken", summary = "Create an API token; its secret is returned only once")
    @APIResponse(responseCode = "201", description = "The token, with its secret",
            content = @Content(schema = @Schema(implementation = CreatedApiToken.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    public Uni<Response> create(CreateApiTokenRequest body, UriInfo uri) {
        return service.create(body)
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created)
                        .build());
    }

    @GET
    @Operation(operationId = "getAllApiTokens", summary = "List API tokens, without their secrets")
    @APIResponse(responseCode = "200", description = "The tokens",
            content = @Content(schema = @Schema(implementation = ApiTokenList.class)))
    public Uni<ApiTokenList> list() {
        return service.list().map(ApiTokenList::new);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteApiToken", summary = "Delete an API token; it is refused from the next request on")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such token")
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return service.delete(id).map(ignored -> Response.noContent().build());
    }
}
