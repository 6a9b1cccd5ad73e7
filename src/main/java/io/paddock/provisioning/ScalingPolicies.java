package io.paddock.provisioning;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

/**
 * An environment's target tracking policies on its scalable target, each in the ledger, by its name, from its first
 * put until it is deleted.
 */
@ApplicationScoped
class ScalingPolicies {

    @Inject ScalingPort scaling;
    @Inject ResourceLedger ledger;
    @Inject ResourceDeletions deletions;
    @Inject Runs runs;
    @Inject CloudSite site;

    /** Puts the plan's policy, replacing the configuration of the environment's policy of that name. */
    Uni<AppliedScalingPolicy> put(UUID environmentId, Provisioned current, ScalingPolicyPlan policy) {
        ScalingMetric metric = policy.metric();
        String resourceId = ProvisionedRefs.scalableResourceId(current.service());
        String label = metric == ScalingMetric.RPS
                ? ProvisionedRefs.resourceLabel(site.listenerArn(), current.loadBalancer())
                : null;
        ScalingPort.PutScalingPolicy request = new ScalingPort.PutScalingPolicy(resourceId, policy.policyName(),
                metric.predefinedMetricType(), label, policy.targetValue(), policy.scaleInCooldownSeconds(),
                policy.scaleOutCooldownSeconds());
        return recorded(environmentId, policy.policyName())
                .chain(recorded -> {
                    // One step: the claim it is made under writes its outcome only while it holds the lease.
                    Run run = runs.start(environmentId, StepGuard.ALWAYS);
                    // A replaced policy keeps its ARN and its ledger row; only the first put of a name records one.
                    return recorded.isPresent()
                            ? run.call(CloudOperation.PUT_SCALING_POLICY, () -> scaling.putScalingPolicy(request))
                            : run.create(CloudOperation.PUT_SCALING_POLICY, () -> scaling.putScalingPolicy(request),
                                    made -> LedgerEntry.of(environmentId, ResourceKind.SCALING_POLICY, made.policyArn(),
                                            resourceId, made.policyName()));
                })
                .map(made -> new AppliedScalingPolicy(made.policyArn(), made.policyName(), label));
    }

    /** Deletes the policy of that name and its ledger row. */
    Uni<Void> delete(UUID environmentId, Provisioned current, String policyName) {
        String resourceId = ProvisionedRefs.scalableResourceId(current.service());
        return recorded(environmentId, policyName)
                .chain(recorded -> recorded.isPresent()
                        ? deletions.deleteRecorded(recorded.get())
                        : deletions.delete(LedgerEntry.of(environmentId, ResourceKind.SCALING_POLICY, policyName,
                                resourceId, policyName)));
    }

    private Uni<Optional<LedgerEntry>> recorded(UUID environmentId, String policyName) {
        return ledger.entries(environmentId)
                .map(entries -> entries.stream()
                        .filter(entry -> entry.kind() == ResourceKind.SCALING_POLICY && policyName.equals(entry.name()))
                        .findFirst());
    }
}
