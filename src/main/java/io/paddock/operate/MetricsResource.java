package io.paddock.operate;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.EnvironmentPath;
import io.paddock.operate.MetricsService.MetricsRequest;
import io.paddock.operate.OperateDtos.MetricsView;
import io.smallrye.mutiny.Uni;

/** An environment's metrics (Quant Cloud v3 dialect; also under {@code /api/v3/organisations/...}). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/metrics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Environments")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class MetricsResource {

    @Inject
    MetricsService service;

    @GET
    @Operation(operationId = "getEnvironmentMetrics", summary = "Get the metrics for an environment",
            description = "CPU and memory utilisation of its service (AWS/ECS), and request count and target response"
                    + " time of its target group (AWS/ApplicationELB) when it has one, over the time range (the last hour"
                    + " by default), one series per metric and statistic.")
    @APIResponse(responseCode = "200", description = "The metrics", content = @Content(schema = @Schema(implementation = MetricsView.class)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "422", description = "ValidationError: a query parameter is not valid (each detail names it)")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: CloudWatch refused the call")
    public Uni<MetricsView> metrics(@BeanParam EnvironmentPath path,
            @Parameter(description = "Start of the range, Unix timestamp in milliseconds", schema = @Schema(implementation = Long.class))
            @QueryParam("startTime") String startTime,
            @Parameter(description = "End of the range, Unix timestamp in milliseconds; default now", schema = @Schema(implementation = Long.class))
            @QueryParam("endTime") String endTime,
            @Parameter(description = "Seconds per datapoint: whole minutes up to 86400; default the smallest that keeps"
                    + " 1440 datapoints or fewer", schema = @Schema(implementation = Integer.class))
            @QueryParam("period") String period,
            @Parameter(description = "Comma-separated CloudWatch statistics (Average, Maximum, Minimum, Sum, SampleCount);"
                    + " default Sum for the request count, Average for the others") @QueryParam("statistics") String statistics,
            @Parameter(description = "A container of the environment; the series are the service's, which ECS measures"
                    + " per task, not per container") @QueryParam("containerName") String containerName) {
        return service.metrics(path.key(), new MetricsRequest(startTime, endTime, period, statistics, containerName));
    }
}
