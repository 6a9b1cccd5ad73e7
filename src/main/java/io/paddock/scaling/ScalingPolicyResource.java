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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

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
@OrganisationScoped
public class ScalingPolicyResource {

    @Inject ScalingPolicyService service;

    @GET
    @APIResponses
    public Uni<ScalingPolicyList> listScalingPolicies(@BeanParam EnvironmentPath path,
            @QueryParam("metric") @Pattern(regexp = METRICS, message = METRIC_MESSAGE) String metric,
            @QueryParam("policyName") @Pattern(regexp = POLICY_NAME, message = POLICY_NAME_MESSAGE) String policyName) {
        return service.list(path.key(), metric, policyName).map(ScalingPolicyList::new);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<ScalingPolicyView> upsertScalingPolicy(@BeanParam EnvironmentPath path,
            @QueryParam("policyName") @Pattern(regexp = POLICY_NAME, message = POLICY_NAME_MESSAGE) String policyName,
            ScalingPolicyRequest body) {
        return Detached.run(() -> service.put(path.key(), body, policyName));
    }

    @DELETE
    @APIResponses
    public Uni<Response> deleteScalingPolicy(@BeanParam EnvironmentPath path,
            @QueryParam("metric") @Pattern(regexp = METRICS, message = METRIC_MESSAGE) String metric,
            @QueryParam("policyName") @Pattern(regexp = POLICY_NAME, message = POLICY_NAME_MESSAGE) String policyName) {
        return Detached.run(() -> service.delete(path.key(), metric, policyName))
                .map(ignored -> Response.noContent().build());
    }

    /** The route before Quant's contract took the name as a query parameter; kept for the clients written for it. */
    @DELETE
    @Path("/{policyName}")
    @Deprecated
    @APIResponses
    public Uni<Response> deleteScalingPolicyByName(@BeanParam EnvironmentPath path,
            @PathParam("policyName") String policyName) {
        return Detached.run(() -> service.delete(path.key(), null, policyName))
                .map(ignored -> Response.noContent().build());
    }
}
