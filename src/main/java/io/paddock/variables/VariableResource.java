package io.paddock.variables;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.EnvironmentPath;
import io.paddock.environments.VariableNames;
import io.paddock.variables.VariableDtos.BulkSetRequest;
import io.paddock.variables.VariableDtos.UpdateVariableRequest;
import io.paddock.web.Detached;
import io.paddock.web.Idempotent;
import io.smallrye.mutiny.Uni;

/** An application environment's own variables (Quant Cloud v3 dialect). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/variables")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Variables", description = "The environment's own variables, injected into every container of its task "
        + "definition; a container that sets a name itself (in its environment or secrets) keeps its own value.")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class VariableResource {

    private static final String CHANGE = " A change rolls the environment out like an environment update: a new task "
            + "definition revision and a rolling service update, status UPDATING until done (if it fails, the variables "
            + "are what they were before).";

    @Inject
    VariableService service;

    @GET
    @Operation(operationId = "listEnvironmentVariables", summary = "Get all variables for an environment",
            description = "The variables as an object of name to value, in the order they were first set.")
    @APIResponse(responseCode = "200", description = "A list of variables",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<Map<String, String>> list(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "bulkSetEnvironmentVariables", summary = "Bulk set/replace environment variables",
            description = "Replaces every variable of the environment with the ones sent." + CHANGE)
    @APIResponse(responseCode = "200", description = "Environment variables set/replaced successfully: the variables now",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT, additionalProperties = String.class)))
    @APIResponse(responseCode = "400", description = "A name is not an environment variable name, or is sent twice")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "The environment is being created or updated, or has failed")
    public Uni<Map<String, String>> replaceAll(@BeanParam EnvironmentPath path, BulkSetRequest body) {
        return Detached.run(() -> service.replaceAll(path.key(), body.environment()));
    }

    @PUT
    @Path("/{variable}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "updateEnvironmentVariable", summary = "Update a variable",
            description = "Sets one variable; one the environment does not have yet is added (as Quant's own variables "
                    + "action adds them)." + CHANGE)
    @APIResponse(responseCode = "200", description = "The variable updated",
            content = @Content(schema = @Schema(implementation = EnvironmentVariable.class)))
    @APIResponse(responseCode = "400", description = "The name is not an environment variable name, or no value was sent")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "The environment is being created or updated, or has failed")
    public Uni<EnvironmentVariable> set(@BeanParam EnvironmentPath path,
            @Parameter(description = "The variable's name") @PathParam("variable")
            @Pattern(regexp = VariableNames.PATTERN, message = VariableNames.MESSAGE) String variable,
            UpdateVariableRequest body) {
        return Detached.run(() -> service.set(path.key(), variable, body.value()));
    }

    @DELETE
    @Path("/{variable}")
    @Idempotent
    @Operation(operationId = "deleteEnvironmentVariable", summary = "Delete a variable", description = "Removes one variable." + CHANGE)
    @APIResponse(responseCode = "204", description = "The variable deleted")
    @APIResponse(responseCode = "404", description = "The environment or the variable not found")
    @APIResponse(responseCode = "409", description = "The environment is being created or updated, or has failed")
    public Uni<Response> delete(@BeanParam EnvironmentPath path,
            @Parameter(description = "The variable's name") @PathParam("variable") String variable) {
        return Detached.run(() -> service.delete(path.key(), variable))
                .map(ignored -> Response.noContent().build());
    }
}
