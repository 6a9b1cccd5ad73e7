package io.paddock.environments;

import io.paddock.errors.ApiException;

/** How a client names an application environment: its organisation, application and envName. */
public record EnvironmentKey(String organisation, String application, String envName) {

    public ApiException notFound() {
        return ApiException.notFound("Application " + application + " has no environment named " + envName + ".");
    }

    /** The environment found, or this key's 404 when there is none. */
    public ApplicationEnvironment found(ApplicationEnvironment env) {
        if (env == null) {
            throw notFound();
        }
        return env;
    }
}
