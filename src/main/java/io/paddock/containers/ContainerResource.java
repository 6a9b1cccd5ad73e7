package io.paddock.containers;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.Compose.Container;
import io.paddock.environments.EnvironmentPath;
import io.paddock.web.Detached;
import io.paddock.web.Idempotent;
import io.smallrye.mutiny.Uni;

/** The containers of an application environment's compose (Quant Cloud v3 dialect). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/containers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Containers", description = "The containers of an environment's compose definition, one at a time.")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class ContainerResource {

    @Inject
    ContainerService service;

    @GET
    @Operation(operationId = "listContainers", summary = "Get the containers in an environment",
            description = "The containers of the environment's compose, as validated and with defaults applied.")
    @APIResponse(responseCode = "200", description = "The containers in the environment",
            content = @Content(schema = @Schema(implementation = Container.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<List<Container>> list(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @PUT
    @Path("/{container}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "updateContainer", summary = "Update a container in an environment",
            description = "Replaces one container's definition, validated against the rest of the compose, and rolls the "
                    + "environment out like an environment update: a new task definition revision and a rolling service "
                    + "update, status UPDATING until done (if it fails, the previous compose stays). The body's name must "
                    + "be the path's.")
    @APIResponse(responseCode = "200", description = "The updated container, with defaults applied",
            content = @Content(schema = @Schema(implementation = Container.class)))
    @APIResponse(responseCode = "400", description = "The container is invalid, alone or with the rest of the compose")
    @APIResponse(responseCode = "404", description = "The environment or container not found")
    @APIResponse(responseCode = "409", description = "The environment is being created or updated, or has failed")
    public Uni<Container> update(@BeanParam EnvironmentPath path,
            @Parameter(description = "The container's name") @PathParam("container") String container, Container body) {
        return Detached.run(() -> service.replace(path.key(), container, body));
    }
}
