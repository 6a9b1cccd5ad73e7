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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

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
@OrganisationScoped
public class VolumeResource {

    @Inject VolumeService service;

    @GET
    @APIResponses
    public Uni<List<VolumeView>> listVolumes(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<Response> createVolume(@BeanParam EnvironmentPath path, CreateVolumeRequest body, UriInfo uri) {
        return Detached.run(() -> service.create(path.key(), body))
                .map(volume -> Response.created(uri.getAbsolutePathBuilder().path(volume.volumeId()).build()).entity(volume).build());
    }

    @GET
    @Path("/{volume}")
    @APIResponses
    public Uni<VolumeView> getVolume(@BeanParam EnvironmentPath path,
            @PathParam("volume") String volume) {
        return service.get(path.key(), volume);
    }

    @DELETE
    @Path("/{volume}")
    @APIResponses
    public Uni<Response> deleteVolume(@BeanParam EnvironmentPath path, @PathParam("volume") String volume) {
        return Detached.run(() -> service.delete(path.key(), volume))
                .map(ignored -> Response.noContent().build());
    }
}
