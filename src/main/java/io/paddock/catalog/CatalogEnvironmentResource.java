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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Environment catalog", description = "Named, typed stages (development, test, preproduction, "
        + "production) with an order, an enabled flag and a protected flag (Unleash admin environments API)")
public class CatalogEnvironmentResource {

    static final String PATH = "/api/admin/environments";

    @Inject
    CatalogEnvironmentService service;

    @GET
    @AnyToken
    @Operation(operationId = "getAllEnvironments", summary = "List the catalog's environments, ordered by sortOrder, then name")
    @APIResponse(responseCode = "200", description = "The environments",
            content = @Content(schema = @Schema(implementation = CatalogEnvironmentList.class)))
    public Uni<CatalogEnvironmentList> list() {
        return service.list()
                .map(environments -> new CatalogEnvironmentList(1, environments));
    }

    @GET
    @Path("/{name}")
    @AnyToken
    @Operation(operationId = "getCatalogEnvironment", summary = "Get one environment of the catalog")
    @APIResponse(responseCode = "200", description = "The environment",
            content = @Content(schema = @Schema(implementation = CatalogEnvironmentView.class)))
    @APIResponse(responseCode = "404", description = "No environment of that name")
    public Uni<CatalogEnvironmentView> get(@PathParam("name") String name) {
        return service.get(name);
    }

    @POST
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "createCatalogEnvironment", summary = "Create an environment")
    @APIResponse(responseCode = "201", description = "The environment was created",
            headers = @Header(name = "Location", description = "The URL of the new environment",
                    schema = @Schema(implementation = String.class)),
            content = @Content(schema = @Schema(implementation = CatalogEnvironmentView.class)))
    @APIResponse(responseCode = "400", description = "The body does not match the schema; details name each problem")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "409", description = "An environment of that name exists (NameExistsError)")
    public Uni<Response> create(CreateCatalogEnvironmentRequest body, UriInfo uri) {
        return service.create(body)
                .map(created -> Response.created(location(uri, created.name()))
                        .entity(created)
                        .build());
    }

    @PUT
    @Path("/update/{name}")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateCatalogEnvironment", summary = "Change an environment's type or sortOrder")
    @APIResponse(responseCode = "200", description = "The environment as changed",
            content = @Content(schema = @Schema(implementation = CatalogEnvironmentView.class)))
    @APIResponse(responseCode = "400", description = "The body does not match the schema; details name each problem")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "404", description = "No environment of that name")
    public Uni<CatalogEnvironmentView> update(@PathParam("name") String name, UpdateCatalogEnvironmentRequest body) {
        return service.update(name, body);
    }

    @DELETE
    @Path("/{name}")
    @AdminOnly
    @Operation(operationId = "removeEnvironment", summary = "Delete an environment that is neither protected nor in use")
    @APIResponse(responseCode = "200", description = "The environment was deleted")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "404", description = "No environment of that name")
    @APIResponse(responseCode = "409", description = "The environment is protected (ProtectedEnvironmentError) or "
            + "application environments still use it (EnvironmentInUseError)")
    public Uni<Response> delete(@PathParam("name") String name) {
        return service.delete(name)
                .map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/{name}/on")
    @AdminOnly
    @Operation(operationId = "toggleEnvironmentOn", summary = "Enable an environment; any request body is ignored")
    @APIResponse(responseCode = "204", description = "The environment is enabled")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "404", description = "No environment of that name")
    public Uni<Response> enable(@PathParam("name") String name) {
        return service.setEnabled(name, true)
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/off")
    @AdminOnly
    @Operation(operationId = "toggleEnvironmentOff", summary = "Disable an environment, so it takes no new "
            + "application environments; any request body is ignored")
    @APIResponse(responseCode = "204", description = "The environment is disabled")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "404", description = "No environment of that name")
    public Uni<Response> disable(@PathParam("name") String name) {
        return service.setEnabled(name, false)
                .map(ignored -> Response.noContent().build());
    }

    @PUT
    @Path("/sort-order")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateSortOrder", summary = "Set the sortOrder of several environments at once, all or nothing")
    @RequestBody(required = true, description = "A map from environment name to its new sortOrder, e.g. "
            + "{\"development\": 1, \"production\": 2}. Environments not named keep theirs.")
    @APIResponse(responseCode = "200", description = "Every named environment has its new sortOrder")
    @APIResponse(responseCode = "400", description = "A value is not an integer; details name each one")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "404", description = "A named environment does not exist; nothing was changed")
    public Uni<Response> updateSortOrder(Map<String, Integer> body) {
        return service.updateSortOrder(body)
                .map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/validate")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validateEnvironmentName", summary = "Check that a name is valid and free before creating an environment")
    @APIResponse(responseCode = "200", description = "The name is valid and free")
    @APIResponse(responseCode = "400", description = "The name is not valid; details say why")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "409", description = "An environment of that name exists (NameExistsError)")
    public Uni<Response> validate(CatalogEnvironmentNameRequest body) {
        return service.validateName(body.name())
                .map(ignored -> Response.ok().build());
    }

    @POST
    @Path("/{name}/clone")
    @AdminOnly
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cloneEnvironment", summary = "Create an environment as a copy of an existing one")
    @APIResponse(responseCode = "201", description = "The new environment",
            headers = @Header(name = "Location", description = "The URL of the new environment",
                    schema = @Schema(implementation = String.class)),
            content = @Content(schema = @Schema(implementation = CatalogEnvironmentView.class)))
    @APIResponse(responseCode = "400", description = "The body does not match the schema; details name each problem")
    @APIResponse(responseCode = "403", description = "The token is not an admin token")
    @APIResponse(responseCode = "404", description = "No environment to copy has that name")
    @APIResponse(responseCode = "409", description = "An environment of the new name exists (NameExistsError)")
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
