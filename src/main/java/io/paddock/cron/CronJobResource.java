package io.paddock.cron;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.auth.OrganisationScoped;
import io.paddock.cron.CronDtos.CreateCronJobRequest;
import io.paddock.cron.CronDtos.CronJobView;
import io.paddock.cron.CronDtos.CronRunView;
import io.paddock.cron.CronDtos.UpdateCronJobRequest;
import io.paddock.environments.EnvironmentPath;
import io.paddock.web.Detached;
import io.paddock.web.Idempotent;
import io.smallrye.mutiny.Uni;

/**
 * Cron jobs of an application environment (Quant Cloud v3 dialect): each is an EventBridge Scheduler schedule
 * that runs the environment's task definition with the job's command. Also served under
 * {@code /api/v3/organisations/...} (see {@link io.paddock.web.PathAliases}).
 */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}/cron")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cron", description = "Cron jobs: commands an environment's task definition runs on a schedule "
        + "(EventBridge Scheduler cron(...) or rate(...) expressions, UTC).")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class CronJobResource {

    @Inject
    CronJobService service;

    @GET
    @Operation(operationId = "listCronJobs", summary = "Get all cron jobs for an environment",
            description = "A JSON array of the environment's cron jobs (Quant's contract declares a single Cron here, "
                    + "which cannot list them).")
    @APIResponse(responseCode = "200", description = "The cron jobs",
            content = @Content(schema = @Schema(implementation = CronJobView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<List<CronJobView>> list(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "createCronJob", summary = "Create a new cron job",
            description = "Validates the expression and the command, then creates the job's schedule. When the schedule "
                    + "cannot be made, nothing of the job is left and the answer is 502 ProvisioningFailed.")
    @APIResponse(responseCode = "201", description = "The created cron job", content = @Content(schema = @Schema(implementation = CronJobView.class)))
    @APIResponse(responseCode = "400", description = "The request is invalid")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "The name is taken, or the environment is not ACTIVE")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: the schedule could not be created")
    public Uni<Response> create(@BeanParam EnvironmentPath path, CreateCronJobRequest body, UriInfo uri) {
        return Detached.run(() -> service.create(path.key(), body))
                .map(job -> Response.created(uri.getAbsolutePathBuilder().path(job.name()).build()).entity(job).build());
    }

    @GET
    @Path("/{cron}")
    @Operation(operationId = "getCronJob", summary = "Get a cron job")
    @APIResponse(responseCode = "200", description = "The cron job", content = @Content(schema = @Schema(implementation = CronJobView.class)))
    @APIResponse(responseCode = "404", description = "The cron job not found")
    public Uni<CronJobView> get(@BeanParam EnvironmentPath path,
            @Parameter(description = "The cron job's name") @PathParam("cron") String cron) {
        return service.get(path.key(), cron);
    }

    @PATCH
    @Path("/{cron}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateCronJob", summary = "Update a cron job",
            description = "Changes what is sent (absent or null properties stay) and updates the schedule in place.")
    @APIResponse(responseCode = "200", description = "The updated cron job", content = @Content(schema = @Schema(implementation = CronJobView.class)))
    @APIResponse(responseCode = "400", description = "The request is invalid")
    @APIResponse(responseCode = "404", description = "The cron job not found")
    @APIResponse(responseCode = "409", description = "The environment is not ACTIVE")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: the schedule could not be updated; the job is unchanged")
    public Uni<CronJobView> update(@BeanParam EnvironmentPath path,
            @Parameter(description = "The cron job's name") @PathParam("cron") String cron, UpdateCronJobRequest body) {
        return Detached.run(() -> service.update(path.key(), cron, body));
    }

    @DELETE
    @Path("/{cron}")
    @Operation(operationId = "deleteCronJob", summary = "Delete a cron job", description = "Deletes the job and its schedule.")
    @APIResponse(responseCode = "204", description = "The cron job deleted")
    @APIResponse(responseCode = "404", description = "The cron job not found")
    @APIResponse(responseCode = "409", description = "The environment is not ACTIVE")
    public Uni<Response> delete(@BeanParam EnvironmentPath path,
            @Parameter(description = "The cron job's name") @PathParam("cron") String cron) {
        return Detached.run(() -> service.delete(path.key(), cron))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{cron}/runs")
    @Operation(operationId = "listCronJobRuns", summary = "Get all runs for a cron job",
            description = "The ECS tasks the job's schedule started, newest first (ECS keeps stopped tasks for about an hour).")
    @APIResponse(responseCode = "200", description = "The runs",
            content = @Content(schema = @Schema(implementation = CronRunView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "404", description = "The cron job not found")
    public Uni<List<CronRunView>> runs(@BeanParam EnvironmentPath path,
            @Parameter(description = "The cron job's name") @PathParam("cron") String cron) {
        return service.runs(path.key(), cron);
    }

    @GET
    @Path("/{cron}/runs/{run}")
    @Operation(operationId = "getCronRun", summary = "Get a cron run")
    @APIResponse(responseCode = "200", description = "The cron run", content = @Content(schema = @Schema(implementation = CronRunView.class)))
    @APIResponse(responseCode = "404", description = "The cron job or run not found")
    public Uni<CronRunView> run(@BeanParam EnvironmentPath path,
            @Parameter(description = "The cron job's name") @PathParam("cron") String cron,
            @Parameter(description = "The run's id (its ECS task id)") @PathParam("run") String run) {
        return Detached.run(() -> service.run(path.key(), cron, run));
    }
}
