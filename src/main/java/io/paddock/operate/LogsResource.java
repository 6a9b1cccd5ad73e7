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
import io.paddock.operate.LogsService.LogsRequest;
import io.paddock.operate.OperateDtos.LogsView;
import io.smallrye.mutiny.Uni;

/** An environment's logs (Quant Cloud v3 dialect; also under {@code /api/v3/organisations/...}). */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/logs")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class LogsResource {

    @Inject LogsService service;

    @GET
    @APIResponses
    public Uni<LogsView> getEnvironmentLogs(@BeanParam EnvironmentPath path,
            @QueryParam("startTime") String startTime,
            @QueryParam("endTime") String endTime,
            @QueryParam("containerName") String containerName,
            @QueryParam("filterPattern") String filterPattern,
            @Parameter(schema = @Schema(implementation = Integer.class)) @QueryParam("limit") String limit,
            @QueryParam("nextToken") String nextToken) {
        return service.logs(path.key(), new LogsRequest(startTime, endTime, containerName, filterPattern, limit, nextToken));
    }
}
