package io.paddock.variables;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.paddock.environments.Compose.EnvironmentVariable;
import io.paddock.environments.VariableNames;
import io.paddock.errors.ApiError.Detail;
import io.paddock.web.ValidatedRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Request bodies of an environment's variables (Quant Cloud v3 dialect). */
@RegisterForReflection
public final class VariableDtos {

    private VariableDtos() {
    }

    @Schema(name = "bulkSetEnvironmentVariables_request", description = "Every variable the environment should have: "
            + "the ones it has and are not sent are removed")
    public record BulkSetRequest(
            @Schema(description = "The variables, each name once; an empty array removes them all")
            @NotNull(message = "is required; send an array of {\"name\": ..., \"value\": ...} (empty to remove every variable)")
            List<@Valid @NotNull(message = "must be an object with name and value, not null") EnvironmentVariable> environment)
            implements ValidatedRequest {

        @Override
        public List<Detail> problems() {
            return VariableNames.problems(environment, "/environment");
        }
    }

    @Schema(name = "updateEnvironmentVariable_request")
    public record UpdateVariableRequest(
            @Schema(description = "The variable's value (an empty string is allowed)")
            @NotNull(message = "is required; send the variable's value (an empty string is allowed)") String value) {
    }
}
