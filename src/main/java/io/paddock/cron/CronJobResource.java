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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

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
@OrganisationScoped
public class CronJobResource {

    @Inject CronJobService service;

    @GET
    @APIResponses
    public Uni<List<CronJobView>> listCronJobs(@BeanParam EnvironmentPath path) {
        return service.list(path.key());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Response> createCronJob(@BeanParam EnvironmentPath path, CreateCronJobRequest body, UriInfo uri) {
        return Detached.run(() -> service.create(path.key(), body))
                .map(job -> Response.created(uri.getAbsolutePathBuilder().path(job.name()).build()).entity(job).build());
    }

    @GET
    @Path("/{cron}")
    @APIResponses
    public Uni<CronJobView> getCronJob(@BeanParam EnvironmentPath path,
            @PathParam("cron") String cron) {
        return service.get(path.key(), cron);
    }

    @PATCH
    @Path("/{cron}")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public Uni<CronJobView> updateCronJob(@BeanParam EnvironmentPath path,
            @PathParam("cron") String cron, UpdateCronJobRequest body) {
        return Detached.run(() -> service.update(path.key(), cron, body));
    }

    @DELETE
    @Path("/{cron}")
    @APIResponses
    public Uni<Response> deleteCronJob(@BeanParam EnvironmentPath path,
            @PathParam("cron") String cron) {
        return Detached.run(() -> service.delete(path.key(), cron))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{cron}/runs")
    @APIResponses
    public Uni<List<CronRunView>> listCronJobRuns(@BeanParam EnvironmentPath path,
            @PathParam("cron") String cron) {
        return service.runs(path.key(), cron);
    }

    @GET
    @Path("/{cron}/runs/{run}")
    @APIResponses
    public Uni<CronRunView> getCronRun(@BeanParam EnvironmentPath path,
            @PathParam("cron") String cron,
            @PathParam("run") String run) {
        return Detached.run(() -> service.run(path.key(), cron, run));
    }
}
