package io.paddock.composefiles;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.paddock.environments.Compose;
import io.paddock.errors.ApiError.Detail;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The bodies of {@code POST /api/v3/organizations/{organisation}/compose/validate} (Quant Cloud v3 dialect). */
@RegisterForReflection
public final class ComposeFileDtos {

    static final String IMAGE_SUFFIX = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";
    static final String IMAGE_SUFFIX_MESSAGE = "must be lower-case letters, digits and -, starting and ending with a "
            + "letter or digit (e.g. pr-456)";

    private ComposeFileDtos() {
    }

    @Schema(name = "validateCompose_request")
    public record ValidateRequest(
            @Schema(description = "The docker-compose.yml file content as a string")
            @NotNull(message = "is required; send the docker-compose.yml's content as a string") String compose,
            @Schema(description = "Optional image tag suffix (the query parameter takes precedence)", pattern = IMAGE_SUFFIX)
            @Pattern(regexp = IMAGE_SUFFIX, message = IMAGE_SUFFIX_MESSAGE) String imageSuffix,
            @Schema(description = "Optional application name for context") String application) {
    }

    @Schema(name = "validateCompose_200_response")
    public record ValidateAnswer(
            String message,
            @Schema(description = "The translated compose definition, defaults applied and task size resolved, as a "
                    + "create takes it in composeDefinition") Compose translatedComposeDefinition,
            @Schema(description = "What the translation left out or interpreted", nullable = true)
            List<String> translationWarnings) {
    }

    /**
     * Paddock's error body with the {@code error} Quant's contract declares for this operation's 422
     * ({@code validateCompose_422_response}); the OpenAPI document declares the error body, as for every error.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValidateError(
            String id,
            String name,
            String message,
            List<Detail> details,
            java.util.Map<String, List<String>> errors,
            String error) {
    }
}
