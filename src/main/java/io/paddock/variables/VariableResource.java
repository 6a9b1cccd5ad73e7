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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

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
@OrganisationScoped
public class VariableResource {

    private static final String CHANGE = " A change rolls the environment out like an environment update: a new task "
            + "definition revision and a rolling service update, status UPDATING until done (if it fails, the variables "
            + "are what they were before).";

    @Inject VariableService service;

    @GET
    @APIResponses
    public Uni<Map<String, String>> listEnvironmentVariables(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Map<String, String>> bulkSetEnvironmentVariables(@BeanParam EnvironmentPath path, BulkSetRequest body) {
        return Detached.run(() -> service.replaceAll(path.key(), body.environment()));
    }

    @PUT
    @Path("/{variable}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<EnvironmentVariable> updateEnvironmentVariable(@BeanParam EnvironmentPath path,
            @PathParam("variable")
            @Pattern(regexp = VariableNames.PATTERN, message = VariableNames.MESSAGE) String variable,
            UpdateVariableRequest body) {
        return Detached.run(() -> service.set(path.key(), variable, body.value()));
    }

    @DELETE
    @Path("/{variable}")
    @Idempotent
    @APIResponses
    public Uni<Response> deleteEnvironmentVariable(@BeanParam EnvironmentPath path,
            @PathParam("variable") String variable) {
        return Detached.run(() -> service.delete(path.key(), variable))
                .map(ignored -> Response.noContent().build());
    }
}
