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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
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
@OrganisationScoped
public class ComposeFileResource {

    private static final String SEGMENT = "^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$";

    @Inject ComposeFileService service;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponses
    public ValidateAnswer validateCompose(
            @PathParam("organisation") @Pattern(regexp = SEGMENT, message = "must be 1-63 letters, digits, _ or -, "
                    + "starting with a letter or digit") String organisation,
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
