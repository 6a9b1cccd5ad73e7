package io.paddock.operations;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The operations API's bodies. */
public final class OperationDtos {

    private OperationDtos() {
    }

    @RegisterForReflection
    @Schema(name = "Operation", description = "One change of an application environment, from its start to its end")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OperationView(
            String id,
            @Schema(enumeration = { "CREATE", "UPDATE", "COMPOSE", "STATE", "DELETE", "VARIABLES", "CONTAINER", "CRON",
                    "SCALING", "VOLUME" }) String type,
            @Schema(enumeration = { "PENDING", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLING", "CANCELLED",
                    "TIMED_OUT" }) String status,
            String organisation,
            String application,
            String envName,
            String environmentId,
            @Schema(description = "When it started (ISO-8601, UTC)") String startedAt,
            @Schema(description = "When it ended; null while it runs") String endedAt,
            @Schema(description = "When it is stopped and undone if still running (paddock.operations.deadline)")
            String deadlineAt,
            @Schema(description = "Why it failed, was cancelled or timed out; null otherwise") String failureReason,
            @Schema(description = "The cloud steps it started, in order") List<Step> steps,
            @Schema(description = "The API token that asked for it (never its secret); null for none")
            RequestedBy requestedBy) {
    }

    @RegisterForReflection
    @Schema(name = "OperationStep", description = "A cloud step an operation started")
    public record Step(@Schema(description = "The provider's operation, e.g. CreateService") String step,
            @Schema(description = "When it started") String at) {
    }

    @RegisterForReflection
    @Schema(name = "OperationRequestedBy", description = "The API token that asked for an operation")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RequestedBy(String tokenId, String tokenName) {
    }

    @RegisterForReflection
    @Schema(name = "OperationPage", description = "A page of an environment's operations, newest first")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record OperationPage(
            @Schema(type = SchemaType.ARRAY, implementation = OperationView.class) List<OperationView> operations,
            @Schema(description = "The next page's URL, or null on the last page") String next) {
    }
}
