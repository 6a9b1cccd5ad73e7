package io.paddock.events;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One change, as the event stream sends it: of an application environment's status ({@code type} "environment";
 * {@code status} is the new status, or {@code DELETED} when the environment's record went), or of one of its
 * operations ({@code type} "operation": one that started, or whose status changed, with its id and type).
 */
@RegisterForReflection
@Schema(name = "EnvironmentEvent", description = "A change of an application environment's status, or of its operation's")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnvironmentEvent(
        @Schema(description = "The event's id, as the stream's id: line carries it (send it back as Last-Event-ID)")
        String id,
        @Schema(description = "\"environment\" or \"operation\"", enumeration = { "environment", "operation" }) String type,
        String organisation,
        String application,
        String envName,
        String environmentId,
        @Schema(description = "The new status: of the environment (CREATING, ACTIVE, UPDATING, STOPPED, FAILED, DELETING, "
                + "or DELETED), or of the operation (RUNNING, SUCCEEDED, FAILED, CANCELLING, CANCELLED, TIMED_OUT)")
        String status,
        @Schema(description = "The status before; null for a new environment") String previousStatus,
        @Schema(description = "When the change was written") String at,
        @Schema(description = "The operation's id (type \"operation\"); null for an environment event") String operationId,
        @Schema(description = "The operation's type, e.g. CREATE (type \"operation\"); null otherwise") String operationType) {
}
