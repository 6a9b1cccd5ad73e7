package io.paddock.audit;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The audit trail's answers. */
@RegisterForReflection
public final class AuditDtos {

    private AuditDtos() {
    }

    @Schema(name = "AuditEvent", description = "One mutating request: who made it, what it asked, how it was answered. "
            + "Never its body: no secret and no variable value is recorded.")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuditEventView(
            @Schema(description = "The event's position in the trail; newer events have higher ids") long id,
            @Schema(description = "When the answer was sent") String at,
            @Schema(description = "The API token's id; null when the request carried no valid token") String tokenId,
            @Schema(description = "The API token's name") String tokenName,
            @Schema(description = "The organisation the path names, if any") String organisation,
            String method,
            String path,
            @Schema(description = "The answer's status") int status,
            @Schema(description = "The operation the request started, if any") String operationId,
            @Schema(description = "The Idempotency-Key header, if sent") String idempotencyKey) {
    }

    @Schema(name = "AuditEventList", description = "Audit events, newest first")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuditEventList(
            List<AuditEventView> events,
            @Schema(description = "The next (older) page, with the same filters; null when there is none") String next) {
    }
}
