package io.paddock.environments;

import io.paddock.provisioning.EnvironmentPlan;

/**
 * The one place where an environment and its compose become what provisioning runs: the provisioning layer
 * knows no feature package, so everything it needs is mapped here.
 */
public final class ProvisioningPlans {

    private ProvisioningPlans() {
    }

    /** What provisioning runs for {@code env} with {@code compose} (validated and defaulted) at {@code desiredCount}. */
    public static EnvironmentPlan plan(ApplicationEnvironment env, Compose compose, int desiredCount) {
        return new EnvironmentPlan(env.id, env.organisation, env.application, env.envName, compose, desiredCount);
    }
}
