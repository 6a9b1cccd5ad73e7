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
import io.paddock.operate.LogsService.LogsRequest;
import io.paddock.operate.OperateDtos.LogsView;
import io.smallrye.mutiny.Uni;

/** An environment's logs (Quant Cloud v3 dialect; also under {@code /api/v3/organisations/...}). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/logs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Environments")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class LogsResource {

    @Inject
    LogsService service;

    @GET
    @Operation(operationId = "getEnvironmentLogs", summary = "Get the logs for an environment",
            description = "The events its containers wrote to its CloudWatch Logs group within the time range (the last"
                    + " hour by default), oldest first, a page at a time: send the answer's nextToken for the next page.")
    @APIResponse(responseCode = "200", description = "The logs", content = @Content(schema = @Schema(implementation = LogsView.class)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "422", description = "ValidationError: a query parameter is not valid (each detail names it)")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: the log service refused the call")
    public Uni<LogsView> logs(@BeanParam EnvironmentPath path,
            @Parameter(description = "Start of the range: ISO 8601 with an offset, or a Unix timestamp (seconds; milliseconds when longer than 10 digits)")
            @QueryParam("startTime") String startTime,
            @Parameter(description = "End of the range, as startTime; default now")
            @QueryParam("endTime") String endTime,
            @Parameter(description = "Only this container's streams") @QueryParam("containerName") String containerName,
            @Parameter(description = "CloudWatch Logs filter pattern") @QueryParam("filterPattern") String filterPattern,
            @Parameter(description = "Events per page, 1 to 10000 (default 100)", schema = @Schema(implementation = Integer.class, minimum = "1", maximum = "10000"))
            @QueryParam("limit") String limit,
            @Parameter(description = "The previous page's nextToken") @QueryParam("nextToken") String nextToken) {
        return service.logs(path.key(), new LogsRequest(startTime, endTime, containerName, filterPattern, limit, nextToken));
    }
}
