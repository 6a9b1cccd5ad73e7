package io.paddock.reconcile;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.provisioning.local.LocalResourceType;
import io.paddock.testing.CronJobs;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/**
 * The reconciler finishing the work of a replica that died: each test leaves an environment as a crash at
 * that point would (an unsettled status and a lease that ran out) and runs one reconciler pass.
 */
@QuarkusTest
class EnvironmentReconcilerTest {

    /** What webWithVolume provisions: 11 resources of the graph and the environment's log group. */
    private static final int RESOURCES = 12;

    @Inject
    EnvironmentReconciler reconciler;

    @Inject
    ProvisioningTestSupport cloud;

    @Inject
    EnvironmentRows rows;

    @Inject
    LocalCloudSettings settings;

    @Inject
    MeterRegistry metrics;

    private final String app = unique("crash");

    private UUID createdAndAbandoned(String envName, String status) {
        asAdmin().body(webWithVolume(envName)).post(path("acme", app)).then().statusCode(201);
        UUID id = rows.id(app, envName);
        assertThat(cloud.ledger(id)).hasSize(RESOURCES);
        rows.abandon(id, status, true);
        return id;
    }

    private int pass() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> reconciler.runOnce());
    }

    @Test
    void anInterruptedCreateIsRolledBackAndFails() throws Throwable {
        UUID id = createdAndAbandoned("dev", "CREATING");
        assertThat(pass()).isGreaterThanOrEqualTo(1);

        assertThat(cloud.ledger(id)).isEmpty();
        assertThat(cloud.inventory(id)).isEmpty();
        assertThat(rows.string(id, "status")).isEqualTo("FAILED");
        assertThat(rows.string(id, "lease_owner")).isNull();
        asAdmin().get(path("acme", app) + "/dev").then().body("status", equalTo("FAILED"));
        asAdmin().body(webWithVolume("dev")).post(path("acme", app)).then().statusCode(201);
    }

    @Test
    void anInterruptedDeleteIsFinished() throws Throwable {
        UUID id = createdAndAbandoned("dev", "DELETING");
        pass();
        assertThat(cloud.ledger(id)).isEmpty();
        assertThat(cloud.inventory(id)).isEmpty();
        assertThat(rows.exists(id)).isFalse();
    }

    @Test
    void anInterruptedUpdateIsAppliedAgain() throws Throwable {
        UUID id = createdAndAbandoned("dev", "UPDATING");
        int revisionBefore = asAdmin().get(path("acme", app) + "/dev").path("taskDefinition.revision");
        pass();
        assertThat(rows.string(id, "status")).isEqualTo("ACTIVE");
        assertThat(rows.string(id, "lease_owner")).isNull();
        Response after = asAdmin().get(path("acme", app) + "/dev");
        assertThat((Integer) after.path("taskDefinition.revision")).isGreaterThan(revisionBefore);
        assertThat(cloud.ledger(id)).hasSize(RESOURCES);
    }

    @Test
    void anInterruptedUpdateMovesTheCronJobsToTheNewRevision() throws Throwable {
        asAdmin().body(webWithVolume("dev")).post(path("acme", app)).then().statusCode(201);
        UUID id = rows.id(app, "dev");
        asAdmin().body(CronJobs.job("nightly", "cron(0 3 * * ? *)", "report")).post(path("acme", app) + "/dev/cron")
                .then().statusCode(201);
        String schedule = CronJobs.localScheduleArn(id, "nightly");
        String before = asAdmin().get(path("acme", app) + "/dev").path("taskDefinition.arn");
        assertThat(cloud.inventoryRow(schedule).getJsonObject("attributes").getString("taskDefinition")).isEqualTo(before);

        rows.abandon(id, "UPDATING", true);
        pass();

        String after = asAdmin().get(path("acme", app) + "/dev").path("taskDefinition.arn");
        assertThat(after).isNotEqualTo(before);
        assertThat(cloud.inventoryRow(schedule).getJsonObject("attributes").getString("taskDefinition")).isEqualTo(after);
    }

    @Test
    void whatAnInterruptedUpdateNeverRecordedIsRemoved() throws Throwable {
        UUID id = createdAndAbandoned("dev", "UPDATING");
        String orphan = "arn:aws:ecs:eu-west-1:123456789012:task-definition/orphan-" + id + ":99";
        cloud.insertInventory(orphan, LocalResourceType.TASK_DEFINITION, id);
        pass();
        assertThat(rows.string(id, "status")).isEqualTo("ACTIVE");
        assertThat(cloud.inInventory(orphan)).isFalse();
        assertThat(cloud.inventory(id)).hasSize(cloud.ledger(id).size());
    }

    @Test
    void workUnderALiveLeaseIsLeftAlone() throws Throwable {
        asAdmin().body(webWithVolume("dev")).post(path("acme", app)).then().statusCode(201);
        UUID id = rows.id(app, "dev");
        rows.abandon(id, "CREATING", false);
        pass();
        assertThat(rows.string(id, "status")).isEqualTo("CREATING");
        assertThat(rows.string(id, "lease_owner")).isEqualTo("replica-that-died");
        assertThat(cloud.ledger(id)).hasSize(RESOURCES);
        rows.abandon(id, "CREATING", true);
        pass();
        assertThat(rows.string(id, "status")).isEqualTo("FAILED");
    }

    @Test
    void concurrentPassesHandleEachEnvironmentOnce() throws Throwable {
        List<UUID> ids = List.of(createdAndAbandoned("a", "DELETING"), createdAndAbandoned("b", "DELETING"),
                createdAndAbandoned("c", "DELETING"));
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(this::passUnchecked);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(this::passUnchecked);
        int handled = first.join() + second.join();
        // Other tests' abandoned rows may be picked up too; ours are each handled exactly once.
        assertThat(handled).isGreaterThanOrEqualTo(3);
        for (UUID id : ids) {
            assertThat(rows.exists(id)).isFalse();
            assertThat(cloud.ledger(id)).isEmpty();
        }
    }

    private int passUnchecked() {
        try {
            return pass();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void onlyThisTestsEnvironmentsAreLeftToReconcile() {
        rows.clearStranded();
    }

    @AfterEach
    void cloudAnswersAgain() {
        settings.setFailOn(List.of());
    }

    private double terminalFailures(String action) {
        var counter = metrics.find("paddock.reconciler.terminal.failures").tag("action", action).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aTeardownTheProviderRefusesIsRecordedAndNotRetried() throws Throwable {
        UUID id = createdAndAbandoned("dev", "DELETING");
        double before = terminalFailures("teardown");
        settings.setFailOn(List.of("DeleteService"));
        pass();

        assertThat(rows.string(id, "status")).isEqualTo("DELETING");
        assertThat(rows.string(id, "failure_terminal")).isEqualTo("true");
        assertThat(rows.string(id, "failure")).contains("DeleteService").contains("InjectedFailure");
        assertThat(rows.string(id, "lease_owner")).isNull();
        assertThat(terminalFailures("teardown")).isEqualTo(before + 1);

        // Even with the provider answering again, the reconciler leaves it to an operator.
        settings.setFailOn(List.of());
        pass();
        assertThat(rows.string(id, "status")).isEqualTo("DELETING");
        assertThat(cloud.ledger(id)).isNotEmpty();
        // What an operator would do: here, forget it, so that no other test meets a stalled environment.
        rows.remove(id);
    }

    @Test
    void aRollbackTheProviderRefusesEndsFailedWithWhatIsLeftInTheLedger() throws Throwable {
        UUID id = createdAndAbandoned("dev", "CREATING");
        settings.setFailOn(List.of("DeleteService"));
        pass();

        assertThat(rows.string(id, "status")).isEqualTo("FAILED");
        assertThat(rows.string(id, "failure_terminal")).isEqualTo("true");
        assertThat(rows.string(id, "failure")).contains("DeleteService");
        assertThat(cloud.ledger(id)).isNotEmpty();
        rows.remove(id);
    }

    /** A create that failed, and whose rollback failed too: what the rollback left is in the ledger. */
    private UUID failedWithLeftovers(String envName) {
        settings.setFailOn(List.of("CreateService", "DeleteSecurityGroup"));
        asAdmin().body(webWithVolume(envName)).post(path("acme", app)).then().statusCode(502);
        settings.setFailOn(List.of());
        UUID id = rows.id(app, envName);
        assertThat(rows.string(id, "status")).isEqualTo("FAILED");
        assertThat(cloud.ledger(id)).isNotEmpty();
        return id;
    }

    @Test
    void aFailedEnvironmentKeepsItsNameUntilTheReconcilerHasRemovedWhatItsRollbackLeft() throws Throwable {
        UUID id = failedWithLeftovers("dev");
        assertError(asAdmin().body(webWithVolume("dev")).post(path("acme", app)), 409, "EnvironmentBusyError");

        pass();
        assertThat(cloud.ledger(id)).isEmpty();
        assertThat(cloud.inventory(id)).isEmpty();
        assertThat(rows.string(id, "status")).isEqualTo("FAILED");
        assertThat(rows.string(id, "failure")).contains("CreateService");
        asAdmin().body(webWithVolume("dev")).post(path("acme", app)).then().statusCode(201);
    }

    @Test
    void aDeleteOfAFailedEnvironmentTearsDownWhatItsRollbackLeftFirst() {
        UUID id = failedWithLeftovers("dev");
        asAdmin().delete(path("acme", app) + "/dev").then().statusCode(204);
        assertThat(eventually(() -> !rows.exists(id))).isTrue();
        assertThat(cloud.ledger(id)).isEmpty();
        assertThat(cloud.inventory(id)).isEmpty();
    }
}
