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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.Compose.Container;
import io.paddock.environments.EnvironmentPath;
import io.paddock.web.Detached;
import io.paddock.web.Idempotent;
import io.smallrye.mutiny.Uni;

/** The containers of an application environment's compose (Quant Cloud v3 dialect). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/containers")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class ContainerResource {

    @Inject ContainerService service;

    @GET
    @APIResponses
    public Uni<List<Container>> listContainers(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @PUT
    @Path("/{container}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Container> updateContainer(@BeanParam EnvironmentPath path,
            @PathParam("container") String container, Container body) {
        return Detached.run(() -> service.replace(path.key(), container, body));
    }
}
