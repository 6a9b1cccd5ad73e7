package io.paddock.operate;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.EnvironmentPath;
import io.paddock.operate.MetricsService.MetricsRequest;
import io.paddock.operate.OperateDtos.MetricsView;
import io.smallrye.mutiny.Uni;

/** An environment's metrics (Quant Cloud v3 dialect; also under {@code /api/v3/organisations/...}). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class MetricsResource {

    @Inject MetricsService service;

    @GET
    @APIResponses
    public Uni<MetricsView> getEnvironmentMetrics(@BeanParam EnvironmentPath path,
            @Parameter(schema = @Schema(implementation = Long.class)) @QueryParam("startTime") String startTime,
            @Parameter(schema = @Schema(implementation = Long.class)) @QueryParam("endTime") String endTime,
            @Parameter(schema = @Schema(implementation = Integer.class)) @QueryParam("period") String period,
            @QueryParam("statistics") String statistics,
            @QueryParam("containerName") String containerName) {
        return service.metrics(path.key(), new MetricsRequest(startTime, endTime, period, statistics, containerName));
    }
}
