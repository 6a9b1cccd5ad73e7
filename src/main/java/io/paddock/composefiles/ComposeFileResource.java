package io.paddock.composefiles;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.paddock.auth.OrganisationScoped;
import io.paddock.composefiles.ComposeFileDtos.ValidateAnswer;
import io.paddock.composefiles.ComposeFileDtos.ValidateError;
import io.paddock.composefiles.ComposeFileDtos.ValidateRequest;
import io.paddock.errors.ApiError;
import io.paddock.errors.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;

/** docker-compose files translated into Paddock's compose definition (Quant Cloud v3 dialect). */
@Path("/api/v3/organizations/{organisation}/compose/validate")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Compose", description = "docker-compose files translated into compose definitions")
@OrganisationScoped
@APIResponse(responseCode = "403", description = "NoAccessError: the token's scope does not cover this organisation")
public class ComposeFileResource {

    private static final String SEGMENT = "^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$";

    @Inject
    ComposeFileService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "validateCompose", summary = "Validate a compose file",
            description = "Translates a docker-compose.yml (the compose property) into a compose definition: each service "
                    + "a container; image (external) or build (internal, tagged <service>-<imageSuffix> with a suffix); "
                    + "ports and expose; environment as a mapping or a list; volumes (a path source becomes a logical "
                    + "volume name); healthcheck; depends_on; command and entrypoint; working_dir; user; read_only; "
                    + "deploy.resources to cpu, memory and memoryReservation. What has no counterpart is left out with a "
                    + "translation warning. The result is validated as a create's composeDefinition. Nothing is stored.")
    @APIResponse(responseCode = "200", description = "Validation successful: the translated compose definition and any "
            + "warnings", content = @Content(schema = @Schema(implementation = ValidateAnswer.class)))
    @APIResponse(responseCode = "400", description = "The request itself is invalid (no compose, a wrong imageSuffix)")
    @APIResponse(responseCode = "422", description = "Invalid YAML input (or over a limit of size, nesting or aliases), "
            + "or a compose file that cannot be translated or translates into an invalid compose definition. The error "
            + "body also carries error (Quant's validateCompose_422_response), the message again")
    public ValidateAnswer validate(
            @PathParam("organisation") @Pattern(regexp = SEGMENT, message = "must be 1-63 letters, digits, _ or -, "
                    + "starting with a letter or digit") String organisation,
            @Parameter(description = "Image tag suffix for internal images; takes precedence over the body's")
            @QueryParam("imageSuffix") @Pattern(regexp = ComposeFileDtos.IMAGE_SUFFIX,
                    message = ComposeFileDtos.IMAGE_SUFFIX_MESSAGE) String imageSuffix,
            ValidateRequest body) {
        return service.validate(body.compose(), imageSuffix != null ? imageSuffix : body.imageSuffix());
    }

    @ServerExceptionMapper
    public Response untranslatable(Untranslatable e, HttpServerRequest request) {
        ApiError error = ErrorResponses.body(422, "UnprocessableCompose", e.getMessage(), e.details(), null,
                request.path());
        return Response.status(422)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ValidateError(error.id(), error.name(), error.message(), error.details(), error.errors(),
                        e.getMessage()))
                .build();
    }
}
