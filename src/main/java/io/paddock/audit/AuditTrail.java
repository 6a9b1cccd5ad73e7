package io.paddock.audit;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.paddock.auth.Caller;
import io.paddock.auth.CurrentCaller;
import io.paddock.errors.LogSafe;
import io.paddock.web.CurrentOperation;
import io.paddock.web.IdempotencyFilters;

/**
 * Records every mutating request on Paddock's APIs (the application environments, the catalog and the token API)
 * once it is answered: when, which token (id and name), method, path, status, the operation it started and its
 * Idempotency-Key. Never the body, so no secret and no variable value reaches the trail. A request refused before it
 * reached a route (an unknown path, a body over the size limit) is not recorded. The write does not hold the answer
 * back: it goes out with the other writes of that moment, and a failed one is logged.
 */
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern ORGANISATION = Pattern.compile("^/api/v3/organi[sz]ations/([^/]+)");

    @Inject AuditEvents events;

    @Inject CurrentCaller caller;

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!MUTATING.contains(request.getMethod()) || !path.startsWith("/api/")) {
            return;
        }
        Caller who = caller.find().orElse(null);
        Matcher organisation = ORGANISATION.matcher(path);
        Object operation = response.getHeaders().getFirst(CurrentOperation.HEADER);
        AuditEvents.Entry entry = new AuditEvents.Entry(who == null ? null : who.tokenId(),
                who == null ? null : who.tokenName(), organisation.find() ? organisation.group(1) : null,
                request.getMethod(), path, response.getStatus(),
                operation == null ? null : UUID.fromString(operation.toString()),
                request.getHeaderString(IdempotencyFilters.HEADER));
        events.record(entry)
                .subscribe()
                .with(ignored -> {
                }, e -> LOG.errorf("audit trail: %s %s (%d) not recorded: %s", entry.method(),
                        LogSafe.text(entry.path()), entry.status(), e.getMessage()));
    }
}
