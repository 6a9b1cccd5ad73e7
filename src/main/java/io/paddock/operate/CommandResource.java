package io.paddock.operate;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.OrganisationScoped;
import io.paddock.operate.OperateDtos.CommandView;
import io.paddock.operate.OperateDtos.CreateCommandRequest;
import io.paddock.web.Detached;
import io.smallrye.mutiny.Uni;

/**
 * One-off commands (Quant Cloud v3 dialect; also under {@code /api/v3/organisations/...}). The path names the
 * environment by its id, not by application and envName; an environment token's envName is checked in the service.
 */
@Path("/api/v3/organizations/{organisation}/environments/{environmentId}/commands")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class CommandResource {

    @Inject CommandService service;

    @GET
    @APIResponses
    public Uni<List<CommandView>> listCommands(@PathParam("organisation") String organisation,
            @PathParam("environmentId") String environmentId) {
        return service.list(organisation, environmentId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<CommandView> createCommand(@PathParam("organisation") String organisation,
            @PathParam("environmentId") String environmentId,
            CreateCommandRequest body) {
        return Detached.run(() -> service.create(organisation, environmentId, body));
    }

    @GET
    @Path("/{command}")
    @APIResponses
    public Uni<CommandView> getCommand(@PathParam("organisation") String organisation,
            @PathParam("environmentId") String environmentId,
            @PathParam("command") String command) {
        return service.get(organisation, environmentId, command);
    }
}
