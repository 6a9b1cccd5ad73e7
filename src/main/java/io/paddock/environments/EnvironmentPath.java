package io.paddock.environments;

import jakarta.ws.rs.PathParam;

/**
 * The path parameters of every route under one environment ({@code {organisation}}, {@code {application}},
 * {@code {environment}}), taken as one {@code @BeanParam}; {@link #key()} is the environment they name.
 */
public record EnvironmentPath(
        @PathParam("organisation") String organisation,
        @PathParam("application") String application,
        @PathParam("environment") String environment) {

    public EnvironmentKey key() {
        return new EnvironmentKey(organisation, application, environment);
    }
}
