package io.paddock.auth;

import java.util.UUID;

/**
 * Who is calling: the token's id and name, and its scope. A null organisation or environment is the wildcard.
 */
public record Caller(UUID tokenId, String tokenName, String organisation, String environment) {

    public boolean isAdmin() {
        return organisation == null;
    }

    public boolean mayUseOrganisation(String org) {
        return organisation == null || organisation.equals(org);
    }

    public boolean mayUseEnvironment(String org, String envName) {
        return mayUseOrganisation(org) && (environment == null || environment.equals(envName));
    }

    public String scope() {
        return (organisation == null ? "*" : organisation) + ":" + (environment == null ? "*" : environment);
    }
}
