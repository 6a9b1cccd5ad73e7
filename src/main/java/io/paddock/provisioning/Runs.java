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

    Run start(UUID environmentId) {
        return new Run(environmentId, calls, ledger, deletions, settleTimeout);
    }
}
