package io.paddock.provisioning;

import java.util.UUID;

import io.paddock.environments.Compose;

/**
 * What one environment needs from the cloud. {@code compose} is validated and defaulted: the task size is
 * resolved (taskCpu and taskMemory set), container defaults applied, internal image tags already rewritten.
 * Resource names derive from organisation, application, envName and the environment record's id, so a
 * repeated step finds its resource and a re-created envName never collides with one still being torn down.
 */
public record EnvironmentPlan(
        UUID environmentId,
        String organisation,
        String application,
        String envName,
        Compose compose,
        int desiredCount) {
}
