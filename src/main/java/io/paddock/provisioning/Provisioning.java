package io.paddock.provisioning;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/**
 * What the environments feature asks of the cloud. Implemented by the orchestrator, which drives the
 * configured provider's ports (network, volumes, containers) and records every resource in the ledger.
 *
 * <p>Every returned {@link Uni} completes on the caller's Vert.x context, so callers may use Hibernate
 * Reactive right after. None of these methods runs inside the caller's database transaction: the ledger
 * is written in transactions of its own, the moment each resource exists.
 */
public interface Provisioning {

    /**
     * Provisions a new environment along the dependency graph. On any failure, waits for every branch in
     * flight to settle, undoes the ledger newest-first and fails with {@link ProvisioningFailedException};
     * then nothing it made is left.
     */
    Uni<Provisioned> create(EnvironmentPlan plan);

    /**
     * Registers a new task definition revision from the plan's workload, rolls the service to it, and sets
     * the scalable target's capacity. Volumes the new workload mounts that do not exist yet are created.
     */
    Uni<Provisioned> update(EnvironmentPlan plan, Provisioned current);

    /** Sets the service's desired count (0 stops it). */
    Uni<Void> scale(Provisioned current, int desiredCount);

    /**
     * Forces a new deployment. When the plan's workload differs from the running revision (rewritten image
     * tags), registers a new revision first.
     */
    Uni<Provisioned> redeploy(EnvironmentPlan plan, Provisioned current);

    /** The service's counts as the provider reports them now. */
    Uni<ServiceState> describe(Provisioned current);

    /**
     * The counts of many environments' services, in the order given, asked for in as few provider calls as the
     * provider allows (a null where the provider did not report one: a service that is gone, or a call that failed).
     * For lists.
     */
    Uni<List<ServiceState>> describeAll(List<Provisioned> current);

    /** Adds a volume (an access point; the file system and its mount targets first if there is none). */
    Uni<Provisioned> addVolume(EnvironmentPlan plan, Provisioned current, String volumeName, String description,
            String rootDirectory);

    /** Removes a volume's access point. */
    Uni<Provisioned> removeVolume(Provisioned current, String volumeName);

    /**
     * Puts the plan's target tracking policy on the environment's scalable target, replacing the configuration of
     * its policy of that name, and records it in the ledger the first time. A refused put fails with
     * {@link ProvisioningFailedException} naming PutScalingPolicy and leaves nothing new behind.
     */
    Uni<AppliedScalingPolicy> putScalingPolicy(UUID environmentId, Provisioned current, ScalingPolicyPlan policy);

    /** Deletes the environment's policy of that name and its ledger row; a policy already gone counts as deleted. */
    Uni<Void> deleteScalingPolicy(UUID environmentId, Provisioned current, String policyName);

    /**
     * Deletes everything the ledger holds for the environment, newest first, treating "not found" as done.
     * Completes when the ledger is empty; fails (leaving the rest in the ledger) when a deletion keeps failing.
     */
    default Uni<Void> teardown(UUID environmentId) {
        return teardown(environmentId, StepGuard.ALWAYS);
    }

    /**
     * {@link #teardown(UUID)} by the holder of the environment's lease: each deletion starts only while {@code guard}
     * says the lease is still held; otherwise it fails as fenced ({@link ProvisioningFailedException#isFenced()}) and
     * leaves what is left in the ledger to the new holder.
     */
    Uni<Void> teardown(UUID environmentId, StepGuard guard);

    /**
     * Deletes what the provider holds tagged with the environment that its ledger does not: what an operation
     * interrupted by a crash made and never recorded. For an environment that stays; a no-op for a provider
     * without a search by tag.
     */
    Uni<Void> removeUnrecorded(UUID environmentId);

    /**
     * The environments the provider holds resources for, found by the environment tag they carry, with how many each
     * has; none for a provider without a search by tag.
     */
    Uni<Map<UUID, Integer>> taggedEnvironments();

    /**
     * Deletes what the provider holds tagged with an environment Paddock no longer has, in dependency order, and what
     * its ledger may still hold. Answers how many resources it deleted. The caller makes sure the environment is gone:
     * this deletes whatever carries its tag.
     */
    Uni<Integer> removeOrphans(UUID environmentId);
}
