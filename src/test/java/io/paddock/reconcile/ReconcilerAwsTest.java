package io.paddock.reconcile;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.testing.EnvironmentRows;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The reconciler with the aws provider, against the AWS protocol double: which failures it retries on its next pass
 * and which it records and stops at, by AWS's own error codes.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class ReconcilerAwsTest {

    @Inject
    EnvironmentReconciler reconciler;

    @Inject
    EnvironmentRows rows;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    MeterRegistry metrics;

    AwsDouble aws;

    private final String app = unique("reconcile");

    @BeforeEach
    @AfterEach
    void resetAws() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    private UUID deletingAfterACrash() {
        asAdmin().body(webWithVolume("dev")).post(path("acme", app)).then().statusCode(201);
        UUID id = rows.id(app, "dev");
        rows.abandon(id, "DELETING", true);
        return id;
    }

    private void pass() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> reconciler.runOnce());
    }

    private double terminalFailures() {
        Counter counter = metrics.find("paddock.reconciler.terminal.failures").tag("action", "teardown").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aTeardownThatStaysThrottledIsTriedAgainOnTheNextPass() throws Throwable {
        UUID id = deletingAfterACrash();
        double before = terminalFailures();
        aws.throttle("DeleteService", -1);
        pass();

        assertThat(rows.string(id, "status")).isEqualTo("DELETING");
        assertThat(rows.string(id, "failure_terminal")).isEqualTo("false");
        assertThat(terminalFailures()).isEqualTo(before);

        aws.reset();
        rows.abandon(id, "DELETING", true);
        pass();
        assertThat(rows.exists(id)).isFalse();
        assertThat(support.ledger(id)).isEmpty();
    }

    @Test
    void aTeardownRefusedForWantOfPermissionIsRecordedAndNotRetried() throws Throwable {
        UUID id = deletingAfterACrash();
        double before = terminalFailures();
        aws.fail("DeleteService", 400, "AccessDeniedException",
                "User: arn:aws:sts::123456789012:assumed-role/paddock is not authorized to perform: ecs:DeleteService", -1);
        pass();

        assertThat(rows.string(id, "status")).isEqualTo("DELETING");
        assertThat(rows.string(id, "failure_terminal")).isEqualTo("true");
        assertThat(rows.string(id, "failure")).contains("AccessDeniedException");
        assertThat(terminalFailures()).isEqualTo(before + 1);

        aws.reset();
        rows.abandon(id, "DELETING", true);
        pass();
        assertThat(rows.string(id, "status")).as("left to an operator").isEqualTo("DELETING");
        assertThat(support.ledger(id)).isNotEmpty();
    }
}
