package io.paddock.environments;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.auth.Caller;
import io.paddock.auth.CurrentCaller;
import io.paddock.auth.OrganisationScoped;
import io.paddock.environments.EnvironmentDtos.CreateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.EnvironmentView;
import io.paddock.environments.EnvironmentDtos.UpdateEnvironmentRequest;
import io.paddock.environments.EnvironmentDtos.UpdateStateRequest;
import io.paddock.web.CurrentOperation;
import io.paddock.web.Detached;
import io.paddock.web.Idempotent;
import io.paddock.web.Prefer;
import io.smallrye.mutiny.Uni;

/**
 * Application environments (Quant Cloud v3 dialect). Every path is also served with the spelling
 * {@code /api/v3/organisations/...} (see {@link io.paddock.web.PathAliases}).
 */
@Path("/api/v3/organizations/{organisation}/applications/{application}/environments")
@Produces(MediaType.APPLICATION_JSON)
@OrganisationScoped
public class EnvironmentResource {

    static final String SEGMENT = "^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$";
    static final String SEGMENT_MESSAGE = "must be 1-63 letters, digits, _ or -, starting with a letter or digit";

    @Inject EnvironmentService service;
    @Inject EnvironmentViews views;
    @Inject CurrentCaller caller;
    @Inject CurrentOperation operation;
    @Inject ComposePatch composePatch;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Response> createEnvironment(@PathParam("organisation") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String organisation,
            @PathParam("application") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String application,
            CreateEnvironmentRequest body, UriInfo uri, HttpHeaders headers) {
        Caller who = caller.get();
        if (Prefer.respondAsync(headers)) {
            return Detached.run(() -> service.createAsync(organisation, application, who, body))
                    .map(env -> accepted(uri.getAbsolutePathBuilder().path(env.envName()), env));
        }
        return Detached.run(() -> service.create(organisation, application, who, body))
                .map(env -> Response.created(uri.getAbsolutePathBuilder().path(env.envName()).build()).entity(env).build());
    }

    /**
     * A 202 that names the operation the request started (Location) and says the respond-async preference was
     * honoured; {@code environment} builds the environment's URI, {@code body} is the answer's (or null).
     */
    private Response accepted(UriBuilder environment, Object body) {
        Response.ResponseBuilder answer = Response.accepted(body).header(Prefer.APPLIED, Prefer.RESPOND_ASYNC);
        operation.find().ifPresent(id -> answer.location(environment.path("operations").path(id.toString()).build()));
        return answer.build();
    }

    @GET
    @APIResponses
    public Uni<List<EnvironmentView>> listEnvironments(@PathParam("organisation") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String organisation,
            @PathParam("application") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String application) {
        return views.list(organisation, application, caller.get());
    }

    @GET
    @Path("/{environment}")
    @APIResponses
    public Uni<EnvironmentView> getEnvironment(@BeanParam EnvironmentPath path) {
        return views.get(path.key());
    }

    @GET
    @Path("/{environment}/compose")
    @APIResponses
    public Uni<Compose> getEnvironmentCompose(@BeanParam EnvironmentPath path) {
        return views.compose(path.key());
    }

    @PATCH
    @Path("/{environment}/compose")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Response> patchEnvironmentCompose(@BeanParam EnvironmentPath path, ComposePatch.Request body) {
        return Detached.run(() -> composePatch.patch(path.key(), body))
                .map(answer -> Response.accepted(answer).build());
    }

    @PUT
    @Path("/{environment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Response> updateEnvironment(@BeanParam EnvironmentPath path, UpdateEnvironmentRequest body, UriInfo uri,
            HttpHeaders headers) {
        return Detached.run(() -> service.update(path.key(), body))
                .map(ignored -> Prefer.respondAsync(headers) ? accepted(uri.getAbsolutePathBuilder(), null)
                        : Response.accepted().build());
    }

    @PUT
    @Path("/{environment}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @APIResponses
    public Uni<Response> updateEnvironmentState(@BeanParam EnvironmentPath path, UpdateStateRequest body) {
        return Detached.run(() -> service.changeState(path.key(), body))
                .map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{environment}")
    @Idempotent
    @APIResponses
    public Uni<Response> deleteEnvironment(@BeanParam EnvironmentPath path, UriInfo uri, HttpHeaders headers) {
        return Detached.run(() -> service.delete(path.key()))
                .map(ignored -> Prefer.respondAsync(headers) ? accepted(uri.getAbsolutePathBuilder(), null)
                        : Response.noContent().build());
    }
}
