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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.ApiTokenDtos.ApiTokenList;
import io.paddock.auth.ApiTokenDtos.CreateApiTokenRequest;
import io.smallrye.mutiny.Uni;

@Path("/api/admin/api-tokens")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public class ApiTokenResource {

    @Inject ApiTokenService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<Response> createApiToken(CreateApiTokenRequest body, UriInfo uri) {
        return service.create(body)
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                        .entity(created)
                        .build());
    }

    @GET
    @APIResponses
    public Uni<ApiTokenList> getAllApiTokens() {
        return service.list().map(ApiTokenList::new);
    }

    @DELETE
    @Path("/{id}")
    @APIResponses
    public Uni<Response> deleteApiToken(@PathParam("id") UUID id) {
        return service.delete(id).map(ignored -> Response.noContent().build());
    }
}
