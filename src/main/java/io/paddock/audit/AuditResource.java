package io.paddock.audit;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.paddock.audit.AuditDtos.AuditEventList;
import io.paddock.auth.AdminOnly;
import io.paddock.errors.ApiException;
import io.smallrye.mutiny.Uni;

/** The audit trail of mutating requests (admin tokens only). */
@Path("/api/admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Who did what: every mutating request on Paddock's APIs (admin tokens only)")
@AdminOnly
@APIResponse(responseCode = "403", description = "The token is not an admin token")
public class AuditResource {

    static final int MOST = 500;

    @Inject
    AuditEvents events;

    @GET
    @Operation(operationId = "listAuditEvents", summary = "List audit events, newest first",
            description = "Filters combine; next names the following (older) page with the same filters.")
    @APIResponse(responseCode = "200", description = "The events",
            content = @Content(schema = @Schema(implementation = AuditEventList.class)))
    @APIResponse(responseCode = "400", description = "A filter or the page is invalid")
    public Uni<AuditEventList> list(
            @Parameter(description = "Only events at or after this time (ISO-8601, e.g. 2026-12-01T00:00:00Z)")
            @QueryParam("since") String since,
            @Parameter(description = "Only requests on this organisation's environments")
            @QueryParam("organisation") String organisation,
            @Parameter(description = "Only requests made with this API token (its id)") @QueryParam("token") String token,
            @Parameter(description = "Events per page, 1-500 (100)") @QueryParam("limit") Integer limit,
            @Parameter(description = "Only events older than this id (the cursor next carries)")
            @QueryParam("before") Long before,
            UriInfo uri) {
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MOST) {
            throw ApiException.validation("limit", "must be from 1 to " + MOST + "; you sent " + size);
        }
        if (before != null && before < 1) {
            throw ApiException.validation("before", "must be an event id (a positive number) from a previous page's next");
        }
        OffsetDateTime from = since == null ? null : time(since);
        UUID tokenId = token == null ? null : tokenId(token);
        return events.page(before, from, organisation, tokenId, size)
                .map(page -> new AuditEventList(page.events(), page.more()
                        ? uri.getRequestUriBuilder()
                                .replaceQueryParam("before", page.events().get(page.events().size() - 1).id())
                                .build().toString()
                        : null));
    }

    private static OffsetDateTime time(String since) {
        try {
            return OffsetDateTime.parse(since);
        } catch (DateTimeParseException e) {
            throw ApiException.validation("since", "must be an ISO-8601 time with its offset, e.g. 2026-12-01T00:00:00Z;"
                    + " you sent " + since);
        }
    }

    private static UUID tokenId(String token) {
        try {
            return UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("token", "must be an API token's id (a UUID, as GET /api/admin/api-tokens "
                    + "lists them)");
        }
    }
}
