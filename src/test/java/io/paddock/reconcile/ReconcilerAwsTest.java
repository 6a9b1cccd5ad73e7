package io.paddock.reconcile;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
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

    @BeforeEach
    void onlyThisTestsEnvironmentsAreLeftToReconcile() {
        rows.clearStranded();
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
        // Tried again once the initial backoff (15 s) has passed.
        assertThat(rows.string(id, "attempts")).isEqualTo("1");
        assertThat(rows.leaseSecondsLeft(id)).isBetween(10.0, 15.5);

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
        // What an operator would do: here, forget it, so that no other test meets a stalled environment.
        rows.remove(id);
    }

    /** The task definition revision the environment was created with. */
    private String createdRevision;

    /** The environment created with web-v1, then left UPDATING to web-v2 by a replica that died. */
    private UUID interruptedUpdate() {
        Map<String, Object> web = container("web");
        web.put("imageReference", Map.of("type", "internal", "identifier", "web-v1"));
        createdRevision = asAdmin().body(request("dev", compose(web))).post(path("acme", app)).then().statusCode(201)
                .extract().path("taskDefinition.arn");
        UUID id = rows.id(app, "dev");
        String compose = rows.string(id, "compose");
        assertThat(compose).contains("web-v1");
        rows.interruptUpdate(id, compose.replace("web-v1", "web-v2"));
        return id;
    }

    /** The revision the service was last rolled to. */
    private String rolledTo() {
        List<AwsDouble.Request> updates = aws.requests("UpdateService");
        return updates.get(updates.size() - 1).body().path("taskDefinition").asText();
    }

    /** The environment runs web-v1 again: its compose, and its service on the revision registered for it. */
    private void putBackToV1(UUID id) {
        assertThat(rows.string(id, "status")).isEqualTo("ACTIVE");
        asAdmin().get(path("acme", app) + "/dev/compose").then()
                .body("containers[0].imageReference.identifier", equalTo("web-v1"));
        asAdmin().get(path("acme", app) + "/dev").then().body("taskDefinition.arn", equalTo(createdRevision));
        assertThat(rolledTo()).isEqualTo(createdRevision);
        assertThat(rows.string(id, "previous_compose")).isNull();
    }

    @Test
    void anInterruptedChangeTheProviderRefusesPutsBackWhatRanBefore() throws Throwable {
        UUID id = interruptedUpdate();
        aws.fail("RegisterTaskDefinition", 400, "ClientException", "Container image reference is invalid.", 1);
        pass();

        putBackToV1(id);
        assertThat(rows.string(id, "failure")).contains("ClientException");
    }

    @Test
    void anInterruptedChangeThatKeepsFailingIsGivenUpAfterItsTries() throws Throwable {
        UUID id = interruptedUpdate();
        aws.throttle("RegisterTaskDefinition", -1);
        pass();
        assertThat(rows.string(id, "status")).isEqualTo("UPDATING");
        assertThat(rows.string(id, "attempts")).isEqualTo("1");
        assertThat(rows.string(id, "compose")).contains("web-v2");

        aws.reset();
        rows.failedTries(id, 5);
        pass();
        putBackToV1(id);
        assertThat(rows.string(id, "failure")).contains("after 5 tries");
    }
}
