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

import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;

import io.paddock.audit.AuditDtos.AuditEventList;
import io.paddock.auth.AdminOnly;
import io.paddock.errors.ApiException;
import io.smallrye.mutiny.Uni;

/** The audit trail of mutating requests (admin tokens only). */
@Path("/api/admin/audit-events")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public class AuditResource {

    static final int MOST = 500;

    @Inject AuditEvents events;

    @GET
    @APIResponses
    public Uni<AuditEventList> listAuditEvents(
            @QueryParam("since") String since,
            @QueryParam("organisation") String organisation,
            @QueryParam("token") String token,
            @QueryParam("limit") Integer limit,
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
