package io.paddock.scaling;

import static io.paddock.scaling.ScalingPolicyDtos.METRICS;
import static io.paddock.scaling.ScalingPolicyDtos.METRIC_MESSAGE;
import static io.paddock.scaling.ScalingPolicyDtos.POLICY_NAME;
import static io.paddock.scaling.ScalingPolicyDtos.POLICY_NAME_MESSAGE;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.OrganisationScoped;
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyList;
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyRequest;
import io.paddock.scaling.ScalingPolicyDtos.ScalingPolicyView;
import io.paddock.environments.EnvironmentPath;
import io.paddock.web.Detached;
import io.smallrye.mutiny.Uni;

/**
 * An application environment's target tracking scaling policies (Quant Cloud v3 dialect), one per metric. Also
 * served under {@code /api/v3/organisations/...} (see {@link io.paddock.web.PathAliases}).
 */
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
    @Operation(operationId = "listScalingPolicies", summary = "List Scaling Policies",
            description = "The environment's target tracking policies, one per metric, in metric order; metric and "
                    + "policyName narrow the list to the policies that match both.")
    @APIResponse(responseCode = "200", description = "The environment's scaling policies",
            content = @Content(schema = @Schema(implementation = ScalingPolicyList.class)))
    @APIResponse(responseCode = "400", description = "metric or policyName is not one a policy can have")
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<ScalingPolicyList> list(@BeanParam EnvironmentPath path,
            @Parameter(description = "Only the policy tracking this metric")
            @QueryParam("metric") @Pattern(regexp = METRICS, message = METRIC_MESSAGE) String metric,
            @Parameter(description = "Only the policy of this name")
            @QueryParam("policyName") @Pattern(regexp = POLICY_NAME, message = POLICY_NAME_MESSAGE) String policyName) {
        return service.list(path.key(), metric, policyName).map(ScalingPolicyList::new);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertScalingPolicy", summary = "Upsert Scaling Policy",
            description = "Puts the target tracking policy for the body's metric (Application Auto Scaling "
                    + "PutScalingPolicy), replacing the one the environment has for that metric. Its name is policyName "
                    + "when given, else derived from the metric; a metric keeps the name its policy was first put with "
                    + "(409 for another, or for the name of another metric's policy). Only on an ACTIVE environment; RPS "
                    + "needs an exposed port.")
    @APIResponse(responseCode = "200", description = "The scaling policy as stored", content = @Content(schema = @Schema(implementation = ScalingPolicyView.class)))
    @APIResponse(responseCode = "400", description = "The policy or its name is invalid")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "The environment is not ACTIVE; or NameExistsError: the metric's "
            + "policy has another name, or the name is another metric's policy's")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: PutScalingPolicy was refused; nothing changed")
    public Uni<ScalingPolicyView> put(@BeanParam EnvironmentPath path,
            @Parameter(description = "The policy's name; default: derived from the metric (paddock-cpu-utilization, "
                    + "paddock-memory-utilization, paddock-rps)")
            @QueryParam("policyName") @Pattern(regexp = POLICY_NAME, message = POLICY_NAME_MESSAGE) String policyName,
            ScalingPolicyRequest body) {
        return Detached.run(() -> service.put(path.key(), body, policyName));
    }

    @DELETE
    @Operation(operationId = "deleteScalingPolicy", summary = "Delete Scaling Policy",
            description = "Deletes the policies that match metric and policyName (Application Auto Scaling "
                    + "DeleteScalingPolicy), every policy when neither is given. The environment must be ACTIVE or "
                    + "STOPPED.")
    @APIResponse(responseCode = "204", description = "The matching policies deleted (none to delete is done too)")
    @APIResponse(responseCode = "400", description = "metric or policyName is not one a policy can have")
    @APIResponse(responseCode = "404", description = "The environment not found, or no policy matches metric or policyName")
    @APIResponse(responseCode = "409", description = "The environment is being created or changed, or has failed")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: DeleteScalingPolicy was refused; that policy "
            + "stays (those deleted before it are gone)")
    public Uni<Response> delete(@BeanParam EnvironmentPath path,
            @Parameter(description = "Delete the policy tracking this metric")
            @QueryParam("metric") @Pattern(regexp = METRICS, message = METRIC_MESSAGE) String metric,
            @Parameter(description = "Delete the policy of this name")
            @QueryParam("policyName") @Pattern(regexp = POLICY_NAME, message = POLICY_NAME_MESSAGE) String policyName) {
        return Detached.run(() -> service.delete(path.key(), metric, policyName))
                .map(ignored -> Response.noContent().build());
    }

    /** The route before Quant's contract took the name as a query parameter; kept for the clients written for it. */
    @DELETE
    @Path("/{policyName}")
    @Deprecated
    @Operation(operationId = "deleteScalingPolicyByName", deprecated = true,
            summary = "Delete a scaling policy by name (deprecated: DELETE .../scaling-policies?policyName=)",
            description = "The same as DELETE .../scaling-policies?policyName={policyName}.")
    @APIResponse(responseCode = "204", description = "The scaling policy deleted")
    @APIResponse(responseCode = "404", description = "The environment or policy not found")
    @APIResponse(responseCode = "409", description = "The environment is being created or changed, or has failed")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: DeleteScalingPolicy was refused; the policy stays")
    public Uni<Response> deleteByName(@BeanParam EnvironmentPath path,
            @Parameter(description = "The policy's name, as GET shows it") @PathParam("policyName") String policyName) {
        return Detached.run(() -> service.delete(path.key(), null, policyName))
                .map(ignored -> Response.noContent().build());
    }
}
