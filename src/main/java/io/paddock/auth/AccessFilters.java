package io.paddock.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.paddock.errors.ApiException;
import io.paddock.web.CallerScope;
import io.smallrye.mutiny.Uni;

/**
 * Authentication for every API route, then the access rule the route declares ({@link AdminOnly},
 * {@link AnyToken}, {@link OrganisationScoped}). A route that declares none is refused: access is
 * granted only by a rule, never by default.
 */
public class AccessFilters {

    private static final String GRANTED = AccessFilters.class.getName() + ".granted";

    @Inject ApiTokenService tokens;
    @Inject CurrentCaller current;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> authenticate(ContainerRequestContext ctx, HttpHeaders headers) {
        String header = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return Uni.createFrom().failure(new ApiException(401, "AuthenticationRequired",
                    "You must authenticate to use Paddock. Your request had no Authorization header; send an API "
                            + "token, e.g. Authorization: *:*.<secret>."));
        }
        return tokens.authenticate(header)
                .invoke(caller -> {
                    current.set(caller);
                    CallerScope.set(ctx, caller.scope());
                })
                .replaceWithVoid();
    }

    @AdminOnly
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void adminOnly(ContainerRequestContext ctx) {
        if (!current.get().isAdmin()) {
            throw ApiException.noAccess("This operation needs an admin token (*:*); your token's scope is "
                    + current.get().scope() + ".");
        }
        ctx.setProperty(GRANTED, Boolean.TRUE);
    }

    @AnyToken
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void anyToken(ContainerRequestContext ctx) {
        current.get();
        ctx.setProperty(GRANTED, Boolean.TRUE);
    }

    @OrganisationScoped
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void organisationScoped(ContainerRequestContext ctx, UriInfo uri) {
        Caller caller = current.get();
        String organisation = uri.getPathParameters().getFirst("organisation");
        String environment = uri.getPathParameters().getFirst("environment");
        if (!caller.mayUseOrganisation(organisation)) {
            throw ApiException.noAccess("Your token's scope is " + caller.scope()
                    + "; it cannot use the organisation in this path.");
        }
        if (environment != null && !caller.mayUseEnvironment(organisation, environment)) {
            throw ApiException.noAccess("Your token's scope is " + caller.scope()
                    + "; it cannot use the environment in this path.");
        }
        ctx.setProperty(GRANTED, Boolean.TRUE);
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 100)
    public void refuseUndeclared(ContainerRequestContext ctx) {
        if (ctx.getProperty(GRANTED) == null) {
            throw ApiException.noAccess("This route declares no access rule, so no token may call it.");
        }
    }
}
