package io.paddock.web;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Quant's clients spell the application environments path two ways: {@code /api/v3/organizations/...}
 * (4.x clients, and the contract) and {@code /api/v3/organisations/...} (3.x clients and parts of 4.x).
 * The second is routed to the first before any resource sees it, so one implementation serves both.
 */
@Singleton
public class PathAliases {

    private static final String ALIAS = "/api/v3/organisations/";
    private static final String CANONICAL = "/api/v3/organizations/";

    void install(@Observes Router router) {
        router.route().order(-900).handler(this::reroute);
    }

    private void reroute(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.startsWith(ALIAS)) {
            String query = ctx.request().query();
            ctx.reroute(ctx.request().method(), CANONICAL + path.substring(ALIAS.length()) + (query == null ? "" : "?" + query));
        } else {
            ctx.next();
        }
    }
}
