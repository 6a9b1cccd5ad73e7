package io.paddock.volumes;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.EnvironmentDtos.VolumeView;
import io.paddock.environments.EnvironmentPath;
import io.paddock.volumes.VolumeDtos.CreateVolumeRequest;
import io.paddock.web.Detached;
import io.smallrye.mutiny.Uni;

/**
 * An application environment's volumes (Quant Cloud v3 dialect): EFS access points on the environment's file
 * system. Every path is also served with the spelling {@code /api/v3/organisations/...}.
 */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/volumes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Environments")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class VolumeResource {

    @Inject
    VolumeService service;

    @GET
    @Operation(operationId = "listVolumes", summary = "Get all volumes for an environment")
    @APIResponse(responseCode = "200", description = "The volumes",
            content = @Content(schema = @Schema(implementation = VolumeView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<List<VolumeView>> list(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createVolume", summary = "Create a new volume",
            description = "An access point on the environment's EFS file system (created with its mount targets if the environment has none).")
    @APIResponse(responseCode = "201", description = "The volume created", content = @Content(schema = @Schema(implementation = VolumeView.class)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "A volume of that name exists")
    public Uni<Response> create(@BeanParam EnvironmentPath path, CreateVolumeRequest body, UriInfo uri) {
        return Detached.run(() -> service.create(path.key(), body))
                .map(volume -> Response.created(uri.getAbsolutePathBuilder().path(volume.volumeId()).build()).entity(volume).build());
    }

    @GET
    @Path("/{volume}")
    @Operation(operationId = "getVolume", summary = "Get a volume", description = "{volume} is the volume's id or its name.")
    @APIResponse(responseCode = "200", description = "The volume", content = @Content(schema = @Schema(implementation = VolumeView.class)))
    @APIResponse(responseCode = "404", description = "The environment or volume not found")
    public Uni<VolumeView> get(@BeanParam EnvironmentPath path,
            @Parameter(description = "The volume's id or name") @PathParam("volume") String volume) {
        return service.get(path.key(), volume);
    }

    @DELETE
    @Path("/{volume}")
    @Operation(operationId = "deleteVolume", summary = "Delete a volume", description = "{volume} is the volume's id or its name.")
    @APIResponse(responseCode = "204", description = "The volume deleted")
    @APIResponse(responseCode = "404", description = "The environment or volume not found")
    @APIResponse(responseCode = "409", description = "VolumeInUseError: a container mounts it")
    public Uni<Response> delete(@BeanParam EnvironmentPath path, @PathParam("volume") String volume) {
        return Detached.run(() -> service.delete(path.key(), volume))
                .map(ignored -> Response.noContent().build());
    }
}
