package io.paddock.web;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The token scope of the request's caller ({@code organisation:environment}), as authentication leaves it on the
 * request for the plumbing that keys what it keeps by caller (idempotency keys). The web layer knows no tokens.
 */
public final class CallerScope {

    private static final String PROPERTY = CallerScope.class.getName();

    private CallerScope() {
    }

    public static void set(ContainerRequestContext ctx, String scope) {
        ctx.setProperty(PROPERTY, scope);
    }

    /** The scope authentication set; a route reached without authentication has none. */
    public static String of(ContainerRequestContext ctx) {
        Object scope = ctx.getProperty(PROPERTY);
        if (scope == null) {
            throw new IllegalStateException("no caller: the route was reached without authentication");
        }
        return (String) scope;
    }
}
