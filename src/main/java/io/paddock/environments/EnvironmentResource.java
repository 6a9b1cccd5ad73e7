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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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
@Tag(name = "Environments", description = "Application environments: an ECS Fargate service with its task definition, "
        + "security group, load-balancer routing and EFS volumes. Every path is also served under "
        + "/api/v3/organisations/... (the spelling of Quant's 3.x clients).")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation or environment")
public class EnvironmentResource {

    static final String SEGMENT = "^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$";
    static final String SEGMENT_MESSAGE = "must be 1-63 letters, digits, _ or -, starting with a letter or digit";

    @Inject
    EnvironmentService service;
    @Inject
    EnvironmentViews views;
    @Inject
    CurrentCaller caller;
    @Inject
    CurrentOperation operation;
    @Inject
    ComposePatch composePatch;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "createEnvironment", summary = "Create a new environment",
            description = "Validates the compose definition, records the environment (CREATING), provisions its cloud "
                    + "resources along their dependency graph and answers when it is ACTIVE. When a step fails, everything "
                    + "made is undone, the environment is FAILED and the answer is 502 ProvisioningFailed.")
    @APIResponse(responseCode = "201", description = "The environment created",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "400", description = "The environment data is invalid")
    @APIResponse(responseCode = "403", description = "Token out of scope, or EnvironmentLimitReached")
    @APIResponse(responseCode = "404", description = "cloneConfigurationFrom names no environment")
    @APIResponse(responseCode = "409", description = "The name is taken (regardless of case), its catalog stage is disabled, or a failed environment of that name still has resources being removed")
    @APIResponse(responseCode = "502", description = "ProvisioningFailed: a cloud step failed and was undone")
    @APIResponse(responseCode = "503", description = "ServiceUnavailable: PostgreSQL is unreachable; or ProvisioningInterrupted: "
            + "this replica lost the environment's lease before the create ended, and another replica rolls it back")
    @APIResponse(responseCode = "202", description = "With Prefer: respond-async: the environment is recorded (CREATING) "
            + "and provisioning goes on in the background; Location names its operation",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @Parameter(name = Prefer.HEADER, in = ParameterIn.HEADER, description = "respond-async: answer 202 as soon as the "
            + "environment is recorded, and follow its operation (Location) to its end")
    public Uni<Response> create(@PathParam("organisation") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String organisation,
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
    @Operation(operationId = "listEnvironments", summary = "Get all environments for an application",
            description = "Counts and status are refreshed from the cloud provider; when it does not answer in time the stored values are returned.")
    @APIResponse(responseCode = "200", description = "The environments",
            content = @Content(schema = @Schema(implementation = EnvironmentView.class, type = SchemaType.ARRAY)))
    public Uni<List<EnvironmentView>> list(@PathParam("organisation") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String organisation,
            @PathParam("application") @Pattern(regexp = SEGMENT, message = SEGMENT_MESSAGE) String application) {
        return views.list(organisation, application, caller.get());
    }

    @GET
    @Path("/{environment}")
    @Operation(operationId = "getEnvironment", summary = "Get a single environment")
    @APIResponse(responseCode = "200", description = "The environment", content = @Content(schema = @Schema(implementation = EnvironmentView.class)))
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<EnvironmentView> get(@BeanParam EnvironmentPath path) {
        return views.get(path.key());
    }

    @GET
    @Path("/{environment}/compose")
    @Operation(operationId = "getEnvironmentCompose", summary = "Get the compose file for an environment",
            description = "The compose definition as it was validated, with defaults applied and the task size resolved.")
    @APIResponse(responseCode = "200", description = "The compose file", content = @Content(schema = @Schema(implementation = Compose.class)))
    @APIResponse(responseCode = "404", description = "The compose file not found")
    public Uni<Compose> compose(@BeanParam EnvironmentPath path) {
        return views.compose(path.key());
    }

    @PATCH
    @Path("/{environment}/compose")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "patchEnvironmentCompose", summary = "Partially Update Environment Compose Definition",
            description = "Changes the top-level fields sent (architecture, taskCpu, taskMemory, minCapacity, maxCapacity, "
                    + "spotConfiguration, the networking flags); a field left out or null stays. containers, when sent, "
                    + "replaces every container. The merged compose is validated and rolled out as by PUT "
                    + ".../{environment}: a new task definition revision and a rolling service update, UPDATING until "
                    + "done; if it fails the previous compose stays.")
    @APIResponse(responseCode = "202", description = "Request accepted, compose definition partial update is processing. "
            + "Returns the full updated compose definition.",
            content = @Content(schema = @Schema(implementation = ComposePatch.Answer.class)))
    @APIResponse(responseCode = "400", description = "Invalid compose definition or validation failed.")
    @APIResponse(responseCode = "404", description = "Application or environment not found")
    @APIResponse(responseCode = "409", description = "The environment is being created, updated or has failed")
    public Uni<Response> patchCompose(@BeanParam EnvironmentPath path, ComposePatch.Request body) {
        return Detached.run(() -> composePatch.patch(path.key(), body))
                .map(answer -> Response.accepted(answer).build());
    }

    @PUT
    @Path("/{environment}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "updateEnvironment", summary = "Update Environment Compose Definition",
            description = "Replaces the compose definition: a new task definition revision and a rolling service update. "
                    + "The environment is UPDATING until the update completes; if it fails the previous compose stays.")
    @APIResponse(responseCode = "202", description = "Request accepted, compose definition update is processing.")
    @APIResponse(responseCode = "400", description = "Invalid compose definition or validation failed.")
    @APIResponse(responseCode = "404", description = "Application or environment not found")
    @APIResponse(responseCode = "409", description = "The environment is being created, updated or has failed")
    public Uni<Response> update(@BeanParam EnvironmentPath path, UpdateEnvironmentRequest body, UriInfo uri,
            HttpHeaders headers) {
        return Detached.run(() -> service.update(path.key(), body))
                .map(ignored -> Prefer.respondAsync(headers) ? accepted(uri.getAbsolutePathBuilder(), null)
                        : Response.accepted().build());
    }

    @PUT
    @Path("/{environment}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "updateEnvironmentState", summary = "Update the state of an environment",
            description = "stop scales the service to zero (STOPPED); start scales it back to minCapacity; redeploy forces a "
                    + "new deployment, with every internal image at imageTag when given.")
    @APIResponse(responseCode = "204", description = "The environment state updated")
    @APIResponse(responseCode = "400", description = "The environment data is invalid")
    @APIResponse(responseCode = "404", description = "The environment not found")
    public Uni<Response> changeState(@BeanParam EnvironmentPath path, UpdateStateRequest body) {
        return Detached.run(() -> service.changeState(path.key(), body))
                .map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{environment}")
    @Idempotent
    @Operation(operationId = "deleteEnvironment", summary = "Delete an environment",
            description = "Answers once the environment is DELETING and its service is stopping; its resources are removed "
                    + "in the background. From then on GET answers 404 and the name can be used again.")
    @APIResponse(responseCode = "204", description = "The environment deleted")
    @APIResponse(responseCode = "202", description = "With Prefer: respond-async: the environment is DELETING; Location "
            + "names its operation, which ends when the teardown does")
    @APIResponse(responseCode = "404", description = "The environment not found")
    @APIResponse(responseCode = "409", description = "Protected by its catalog stage, or still being created or changed")
    public Uni<Response> delete(@BeanParam EnvironmentPath path, UriInfo uri, HttpHeaders headers) {
        return Detached.run(() -> service.delete(path.key()))
                .map(ignored -> Prefer.respondAsync(headers) ? accepted(uri.getAbsolutePathBuilder(), null)
                        : Response.noContent().build());
    }
}
