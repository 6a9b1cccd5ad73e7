package io.paddock.events;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One change of an application environment's status, as the event stream sends it. {@code status} is the new
 * status, or {@code DELETED} when the environment's record went.
 */
@RegisterForReflection
@Schema(name = "EnvironmentEvent", description = "A change of an application environment's status")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EnvironmentEvent(
        @Schema(description = "The event's id, as the stream's id: line carries it (send it back as Last-Event-ID)")
        String id,
        @Schema(description = "\"environment\"") String type,
        String organisation,
        String application,
        String envName,
        String environmentId,
        @Schema(description = "The new status: CREATING, ACTIVE, UPDATING, STOPPED, FAILED, DELETING, or DELETED")
        String status,
        @Schema(description = "The status before; null for a new environment") String previousStatus,
        @Schema(description = "When the change was written") String at) {
}
