package io.paddock.scaling;

import java.util.List;

import jakarta.inject.Inject;
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
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyRequest;
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyView;
import io.paddock.environments.EnvironmentPath;
import io.paddock.web.Detached;
import io.smallrye.mutiny.Uni;

/** An application environment's target tracking scaling policies (Quant Cloud v3 dialect), one per metric. */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/scaling-policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ScalingPolicy", description = "Target tracking scaling policies on the environment's Application Auto "
        + "Scaling target: the service's desired count follows a metric between minCapacity and maxCapacity.")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class ScalingPolicyResource {

    @Inject
    ScalingPolicyService service;

    @GET
    @Operation(operationId = "getScalingPolicies", summary = "Get the scaling policies for an environment")
    @APIResponse(responseCode = "200", description = "The environment's scaling policies, one per metric",
            content = @Content(schema = @Schema(implementation = ScalingPolicyView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<List<ScalingPolicyView>> list(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateScalingPolicy", summary = "Update the scaling policy for an environment",
            description = "Puts the target tracking policy for the body's metric (Application Auto Scaling "
                    + "PutScalingPolicy), replacing the one the environment has for that metric. Its name derives from "
                    + "the metric. Only on an ACTIVE environment; RPS needs an exposed port.")
    @APIResponse(responseCode = "200", description = "The scaling policy as stored", content = @Content(schema = @Schema(implementation = ScalingPolicyView.class)))
    @APIResponse(responseCode = "400", description = "The policy is invalid")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "The environment is not ACTIVE")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: PutScalingPolicy was refused; nothing changed")
    public Uni<ScalingPolicyView> put(@BeanParam EnvironmentPath path, ScalingPolicyRequest body) {
        return Detached.run(() -> service.put(path.key(), body));
    }

    @DELETE
    @Path("/{policyName}")
    @Operation(operationId = "deleteScalingPolicy", summary = "Delete the scaling policy for an environment",
            description = "Deletes the policy (Application Auto Scaling DeleteScalingPolicy). The environment must be ACTIVE or STOPPED.")
    @APIResponse(responseCode = "204", description = "The scaling policy deleted")
    @APIResponse(responseCode = "404", description = "The environment or policy not found")
    @APIResponse(responseCode = "409", description = "The environment is being created or changed, or has failed")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: DeleteScalingPolicy was refused; the policy stays")
    public Uni<Response> delete(@BeanParam EnvironmentPath path,
            @Parameter(description = "The policy's name, as GET shows it") @PathParam("policyName") String policyName) {
        return Detached.run(() -> service.delete(path.key(), policyName))
                .map(ignored -> Response.noContent().build());
    }
}
