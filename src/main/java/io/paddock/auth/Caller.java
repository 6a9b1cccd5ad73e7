package io.paddock.auth;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the token's id and name, its scope, and its grants (what it may do beyond reading and changing its
 * environments: {@link #SHELL}, {@link #REGISTRY}). A null organisation or environment is the wildcard.
 */
public record Caller(UUID tokenId, String tokenName, String organisation, String environment, Set<String> grants) {

    /** Short-lived credentials for a shell in a running task of an environment. */
    public static final String SHELL = "shell";
    /** A docker login for the image registry. */
    public static final String REGISTRY = "registry";
    public static final Set<String> GRANTS = Set.of(SHELL, REGISTRY);

    /** A token without grants. */
    public Caller(UUID tokenId, String tokenName, String organisation, String environment) {
        this(tokenId, tokenName, organisation, environment, Set.of());
    }

    public Caller {
        grants = grants == null ? Set.of() : Set.copyOf(grants);
    }

    /** Admin tokens hold every grant. */
    public boolean has(String grant) {
        return isAdmin() || grants.contains(grant);
    }

    /** Grants as stored: comma-separated, in a fixed order. */
    public static String stored(java.util.Collection<String> grants) {
        return String.join(",", grants == null ? java.util.List.of() : grants.stream().distinct().sorted().toList());
    }

    public static Set<String> parsed(String stored) {
        return stored == null || stored.isBlank() ? Set.of() : Set.of(stored.split(","));
    }

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
