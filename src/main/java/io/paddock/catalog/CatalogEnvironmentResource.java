package io.paddock.catalog;

import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.AdminOnly;
import io.paddock.auth.AnyToken;
import io.paddock.catalog.CatalogDtos.CloneCatalogEnvironmentRequest;
import io.paddock.catalog.CatalogDtos.CreateCatalogEnvironmentRequest;
import io.paddock.catalog.CatalogDtos.CatalogEnvironmentList;
import io.paddock.catalog.CatalogDtos.CatalogEnvironmentNameRequest;
import io.paddock.catalog.CatalogDtos.CatalogEnvironmentView;
import io.paddock.catalog.CatalogDtos.UpdateCatalogEnvironmentRequest;
import io.paddock.web.Idempotent;
import io.smallrye.mutiny.Uni;

/**
 * The environment catalog in Unleash's admin dialect. Reads take any valid token; changes take an admin
 * token. The literal paths (/update/{name}, /sort-order, /validate) take precedence over /{name}.
 */
@Path(CatalogEnvironmentResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class CatalogEnvironmentResource {

    static final String PATH = "/api/admin/environments";

    @Inject CatalogEnvironmentService service;

    @GET
    @AnyToken
    @APIResponses
    public Uni<CatalogEnvironmentList> getAllEnvironments() {
        return service.list()
                .map(environments -> new CatalogEnvironmentList(1, environments));
    }

    @GET
    @Path("/{name}")
    @AnyToken
    @APIResponses
    public Uni<CatalogEnvironmentView> getCatalogEnvironment(@PathParam("name") String name) {
        return service.get(name);
    }

    @POST
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Response> createCatalogEnvironment(CreateCatalogEnvironmentRequest body, UriInfo uri) {
        return service.create(body)
                .map(created -> Response.created(location(uri, created.name()))
                        .entity(created)
                        .build());
    }

    @PUT
    @Path("/update/{name}")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<CatalogEnvironmentView> updateCatalogEnvironment(@PathParam("name") String name, UpdateCatalogEnvironmentRequest body) {
        return service.update(name, body);
    }

    @DELETE
    @Path("/{name}")
    @AdminOnly
    @APIResponses
    public Uni<Response> removeEnvironment(@PathParam("name") String name) {
        return service.delete(name)
                .map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/{name}/on")
    @AdminOnly
    @APIResponses
    public Uni<Response> toggleEnvironmentOn(@PathParam("name") String name) {
        return service.setEnabled(name, true)
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/off")
    @AdminOnly
    @APIResponses
    public Uni<Response> toggleEnvironmentOff(@PathParam("name") String name) {
        return service.setEnabled(name, false)
                .map(ignored -> Response.noContent().build());
    }

    @PUT
    @Path("/sort-order")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<Response> updateSortOrder(Map<String, Integer> body) {
        return service.updateSortOrder(body)
                .map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/validate")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<Response> validateEnvironmentName(CatalogEnvironmentNameRequest body) {
        return service.validateName(body.name())
                .map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/{name}/clone")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<Response> cloneEnvironment(@PathParam("name") String name, CloneCatalogEnvironmentRequest body, UriInfo uri) {
        return service.cloneOf(name, body)
                .map(created -> Response.created(location(uri, created.name()))
                        .entity(created)
                        .build());
    }

    /**
     * The new environment's URL. A name holds only RFC 3986 unreserved characters (CatalogDtos checks it), so
     * it goes into the path as it is; a UriBuilder, which parses templates and reads this class's annotations,
     * cost more than the rest of a create.
     */
    private static URI location(UriInfo uri, String name) {
        return uri.getBaseUri().resolve(PATH.substring(1) + "/" + name);
    }
}
