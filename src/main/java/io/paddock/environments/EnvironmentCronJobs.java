package io.paddock.environments;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.paddock.environments.EnvironmentDtos.CronView;
import io.smallrye.mutiny.Uni;

/**
 * What the environment core needs of the cron jobs feature, which implements it (so the core does not depend
 * on the feature): the jobs an environment's body lists, and their schedules moved along when the environment
 * runs a new task definition revision.
 */
public interface EnvironmentCronJobs {

    /** The jobs of each environment as its body lists them. */
    Uni<Map<UUID, List<CronView>>> summaries(List<UUID> environmentIds);

    /**
     * Points every job's schedule at the environment's current task definition revision. Never fails: a schedule
     * that cannot be updated is logged and keeps its revision.
     */
    Uni<Void> followRevision(UUID environmentId);
}
