package io.paddock.provisioning;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.paddock.PaddockConfig;

/** Starts the runs provisioning operations are made of: one per operation, with what it needs to call, record and undo. */
@ApplicationScoped
class Runs {

    private final CloudCalls calls;
    private final ResourceLedger ledger;
    private final ResourceDeletions deletions;
    private final Duration settleTimeout;

    Runs(CloudCalls calls, ResourceLedger ledger, ResourceDeletions deletions, PaddockConfig config) {
        this.calls = calls;
        this.ledger = ledger;
        this.deletions = deletions;
        this.settleTimeout = config.cloud().settleTimeout();
    }

    /** A run of the plan's environment, whose every step asks the plan's guard first. */
    Run start(EnvironmentPlan plan) {
        return start(plan.environmentId(), plan.guard());
    }

    Run start(UUID environmentId, StepGuard guard) {
        return new Run(environmentId, guard, calls, ledger, deletions, settleTimeout);
    }
}
