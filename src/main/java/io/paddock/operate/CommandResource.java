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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Commands", description = "Execute commands in application containers")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class CommandResource {

    @Inject
    CommandService service;

    @GET
    @Operation(operationId = "listCommands", summary = "Get all commands for an environment",
            description = "A JSON array of its latest 100 commands, newest first, without their output (Quant's contract"
                    + " declares a single Command here, which cannot list them).")
    @APIResponse(responseCode = "200", description = "The commands",
            content = @Content(schema = @Schema(implementation = CommandView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<List<CommandView>> list(@PathParam("organisation") String organisation,
            @Parameter(description = "The environment's id") @PathParam("environmentId") String environmentId) {
        return service.list(organisation, environmentId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCommand", summary = "Create a command for an environment",
            description = "Starts one task from the environment's current task definition that runs the command as"
                    + " /bin/sh -c <command> in the container; answers at once, PENDING. GET it to follow it.")
    @APIResponse(responseCode = "200", description = "The command", content = @Content(schema = @Schema(implementation = CommandView.class)))
    @APIResponse(responseCode = "400", description = "The request is invalid")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "The environment has nothing to run it in yet (being created, or failed)")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: the task could not be started; nothing of the command is kept")
    public Uni<CommandView> create(@PathParam("organisation") String organisation,
            @Parameter(description = "The environment's id") @PathParam("environmentId") String environmentId,
            CreateCommandRequest body) {
        return Detached.run(() -> service.create(organisation, environmentId, body));
    }

    @GET
    @Path("/{command}")
    @Operation(operationId = "getCommand", summary = "Get a command",
            description = "How its task went, and the lines its container wrote (its log stream).")
    @APIResponse(responseCode = "200", description = "The command", content = @Content(schema = @Schema(implementation = CommandView.class)))
    @APIResponse(responseCode = "404", description = "The environment or command not found")
    public Uni<CommandView> get(@PathParam("organisation") String organisation,
            @Parameter(description = "The environment's id") @PathParam("environmentId") String environmentId,
            @Parameter(description = "The command's runId") @PathParam("command") String command) {
        return service.get(organisation, environmentId, command);
    }
}
