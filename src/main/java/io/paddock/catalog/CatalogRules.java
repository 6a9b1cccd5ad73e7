package io.paddock.catalog;

/**
 * What the catalog says about application environments with a given envName. When the catalog has no
 * environment of that name, {@link #exists()} is false and no rule applies: such application environments
 * may be created and deleted freely.
 *
 * @param envName   the name that was looked up
 * @param exists    whether the catalog has an environment of that name
 * @param enabled   whether that catalog environment is enabled (false when it does not exist)
 * @param isProtected whether that catalog environment is protected (false when it does not exist)
 */
public record CatalogRules(String envName, boolean exists, boolean enabled, boolean isProtected) {

    static CatalogRules none(String envName) {
        return new CatalogRules(envName, false, false, false);
    }

    static CatalogRules of(CatalogEnvironment environment) {
        return new CatalogRules(environment.name, true, environment.enabled, environment.isProtected);
    }

    /** Whether a new application environment of this name may be created: no catalog entry, or an enabled one. */
    public boolean acceptsNewEnvironments() {
        return !exists || enabled;
    }

    /** Whether application environments of this name must not be deleted: the catalog entry is protected. */
    public boolean forbidsDeletion() {
        return exists && isProtected;
    }
}
