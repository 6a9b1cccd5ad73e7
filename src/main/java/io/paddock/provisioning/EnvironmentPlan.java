package io.paddock.provisioning;

import java.util.UUID;

/**
 * What one environment needs from the cloud. {@code workload} is validated and resolved: the task size set
 * (taskCpu and taskMemory), container defaults applied, internal image tags already rewritten. Resource names
 * derive from organisation, application, envName and the environment record's id, so a repeated step finds its
 * resource and a re-created envName never collides with one still being torn down. {@code guard} is asked before
 * every step (see {@link StepGuard}).
 */
public record EnvironmentPlan(
        UUID environmentId,
        String organisation,
        String application,
        String envName,
        Workload workload,
        int desiredCount,
        StepGuard guard) {

    /** The scalable target's minimum: the workload's, else the desired count. */
    int minCapacity() {
        return workload.minCapacity() == null ? desiredCount : workload.minCapacity();
    }

    /** The scalable target's maximum: the workload's, else enough for the minimum and the desired count. */
    int maxCapacity() {
        return workload.maxCapacity() == null ? Math.max(minCapacity(), desiredCount) : workload.maxCapacity();
    }
}
