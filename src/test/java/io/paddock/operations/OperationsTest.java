package io.paddock.operations;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.Retention;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.CronJobs;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Operations: every change is one, with an Operation-Id; a create may answer at once (Prefer: respond-async) and be
 * followed to its end; a running operation can be cancelled and leaves nothing behind; the history outlives the
 * environment.
 */
@QuarkusTest
class OperationsTest {

    private static final String ASYNC = "respond-async";

    @Inject
    LocalCloudSettings cloud;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    EnvironmentRows rows;
    @Inject
    Retention retention;
    @Inject
    AgroalDataSource db;

    private final String app = unique("ops");

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    private String envs() {
        return path("acme", app);
    }

    private static JsonPath operation(String location) {
        return asAdmin().get(location).then().statusCode(200).extract().jsonPath();
    }

    /** Follows the operation at {@code location} until it has ended, and answers it. */
    private static JsonPath ended(String location) {
        assertThat(eventually(() -> operation(location).getString("endedAt") != null))
                .as("operation %s ends", location).isTrue();
        return operation(location);
    }

    @Test
    void anAsyncCreateAnswers202AtOnceAndItsOperationIsFollowedToSucceeded() {
        cloud.setLatency(Duration.ofMillis(100));
        Response accepted = asAdmin().header("Prefer", ASYNC).body(webWithVolume("dev")).post(envs());
        accepted.then().statusCode(202)
                .header("Preference-Applied", ASYNC)
                .header("Operation-Id", notNullValue())
                .body("status", equalTo("CREATING"))
                .body("deploymentStatus", equalTo("IN_PROGRESS"));
        String operationId = accepted.header("Operation-Id");
        String location = accepted.header("Location");
        assertThat(location).endsWith(envs() + "/dev/operations/" + operationId);

        JsonPath running = operation(location);
        assertThat(running.getString("type")).isEqualTo("CREATE");
        assertThat(running.getString("status")).isIn("RUNNING", "SUCCEEDED");
        assertThat(running.getString("requestedBy.tokenName")).isNotBlank();

        JsonPath done = ended(location);
        assertThat(done.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(done.getString("failureReason")).isNull();
        assertThat(done.getList("steps.step", String.class)).contains("CreateSecurityGroup", "CreateService");
        asAdmin().get(envs() + "/dev").then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("deploymentStatus", equalTo("COMPLETED"));
    }

    @Test
    void aSynchronousCreateNamesItsOperationAndAnIdempotentReplayNamesTheSameOne() {
        String key = UUID.randomUUID().toString();
        Response created = asAdmin().header("Idempotency-Key", key).body(request("dev", compose(container("web"))))
                .post(envs());
        created.then().statusCode(201);
        String operationId = created.header("Operation-Id");
        assertThat(operationId).isNotNull();
        assertThat(operation(envs() + "/dev/operations/" + operationId).getString("status")).isEqualTo("SUCCEEDED");

        Response replayed = asAdmin().header("Idempotency-Key", key).body(request("dev", compose(container("web"))))
                .post(envs());
        replayed.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertThat(replayed.header("Operation-Id")).isEqualTo(operationId);
    }

    @Test
    void aCreateCancelledMidwayLeavesNothingAndEndsCancelled() {
        // The service is the last long step: the cancel arrives while it is made, and the create stops before the next.
        cloud.setLatency(Duration.ofMillis(50));
        cloud.setLatency(CloudOperation.CREATE_SERVICE, Duration.ofSeconds(2));
        Response accepted = asAdmin().header("Prefer", ASYNC).body(webWithVolume("dev")).post(envs());
        accepted.then().statusCode(202);
        String location = accepted.header("Location");
        UUID id = rows.id(app, "dev");
        assertThat(eventually(() -> operation(location).getList("steps.step", String.class).contains("CreateService")))
                .isTrue();

        asAdmin().post(location + "/cancel").then().statusCode(202).body("status", equalTo("CANCELLING"));

        JsonPath done = ended(location);
        assertThat(done.getString("status")).isEqualTo("CANCELLED");
        assertThat(done.getString("failureReason")).startsWith("Cancelled before ");
        assertThat(support.ledger(id)).as("ledger").isEmpty();
        assertThat(support.inventory(id)).as("cloud").isEmpty();
        asAdmin().get(envs() + "/dev").then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("deploymentStatus", equalTo("FAILED"))
                .body("deploymentFailureType", equalTo("CANCELLED"));

        assertError(asAdmin().post(location + "/cancel"), 409, "OperationEnded");
    }

    @Test
    void aCancelledUpdateGoesBackToThePreviousRevision() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        String before = asAdmin().get(envs() + "/dev").then().extract().path("taskDefinition.arn");
        assertThat(before).isNotNull();

        cloud.setLatency(CloudOperation.UPDATE_SERVICE, Duration.ofSeconds(2));
        Map<String, Object> web = container("web");
        web.put("imageReference", Map.of("type", "internal", "identifier", "web-next"));
        Response accepted = asAdmin().header("Prefer", ASYNC).body(Map.of("composeDefinition", compose(web)))
                .put(envs() + "/dev");
        accepted.then().statusCode(202).header("Preference-Applied", ASYNC);
        String location = accepted.header("Location");
        assertThat(eventually(() -> operation(location).getList("steps.step", String.class).contains("UpdateService")))
                .isTrue();
        asAdmin().post(location + "/cancel").then().statusCode(202);

        JsonPath done = ended(location);
        assertThat(done.getString("type")).isEqualTo("UPDATE");
        assertThat(done.getString("status")).isEqualTo("CANCELLED");
        asAdmin().get(envs() + "/dev").then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("taskDefinition.arn", equalTo(before))
                .body("deploymentFailureType", equalTo("CANCELLED"));
        asAdmin().get(envs() + "/dev/compose").then().statusCode(200)
                .body("containers[0].imageReference.identifier", equalTo("web-latest"));
        UUID id = rows.id(app, "dev");
        assertThat(support.inventoryTypes(id).stream().filter("task-definition"::equals).count())
                .as("task definitions left in the cloud").isEqualTo(1);
    }

    @Test
    void theHistoryIsReadableAfterTheEnvironmentIsDeletedNewestFirstInPages() {
        Response created = asAdmin().body(request("dev", compose(container("web")))).post(envs());
        created.then().statusCode(201);
        asAdmin().body(Map.of("action", "stop")).put(envs() + "/dev/state").then().statusCode(204);
        Response deleted = asAdmin().header("Prefer", ASYNC).delete(envs() + "/dev");
        deleted.then().statusCode(202).header("Location", notNullValue());
        assertThat(ended(deleted.header("Location")).getString("status")).isEqualTo("SUCCEEDED");
        asAdmin().get(envs() + "/dev").then().statusCode(404);

        JsonPath page = asAdmin().queryParam("limit", 2).get(envs() + "/dev/operations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("operations.type", String.class)).containsExactly("DELETE", "STATE");
        assertThat(page.getList("operations.status", String.class)).containsExactly("SUCCEEDED", "SUCCEEDED");
        String next = page.getString("next");
        assertThat(next).isNotNull();
        JsonPath rest = asAdmin().get(next).then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("operations.type", String.class)).containsExactly("CREATE");
        assertThat(rest.getList("operations.id", String.class)).containsExactly(created.header("Operation-Id"));
        assertThat(rest.getString("next")).isNull();
    }

    @Test
    void cancelsThatCannotBeAreRefusedWithTheirReasons() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        String operations = envs() + "/dev/operations";
        assertError(asAdmin().post(operations + "/" + UUID.randomUUID() + "/cancel"), 404, "NotFoundError");
        assertError(asAdmin().post(operations + "/not-an-id/cancel"), 400, "ValidationError");
        assertError(asAdmin().queryParam("limit", 0).get(operations), 400, "ValidationError");
        assertError(asAdmin().queryParam("before", UUID.randomUUID()).get(operations), 400, "ValidationError");
        assertError(asAdmin().get(envs() + "/never/operations"), 404, "NotFoundError");

        cloud.setLatency(Duration.ofMillis(300));
        Response deleting = asAdmin().header("Prefer", ASYNC).delete(envs() + "/dev");
        deleting.then().statusCode(202);
        assertError(asAdmin().post(deleting.header("Location") + "/cancel"), 409, "OperationNotCancellable");
    }

    @Test
    void changesWithoutCloudWorkAreRecordedAsEndedOperations() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        Response cron = asAdmin().body(CronJobs.job("nightly", "cron(0 3 * * ? *)", "report")).post(envs() + "/dev/cron");
        cron.then().statusCode(201);
        JsonPath recorded = operation(envs() + "/dev/operations/" + cron.header("Operation-Id"));
        assertThat(recorded.getString("type")).isEqualTo("CRON");
        assertThat(recorded.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(recorded.getString("endedAt")).isNotNull();
    }

    @Test
    void endedOperationsOlderThanTheRetentionAreRemoved() throws Throwable {
        Response created = asAdmin().body(request("dev", compose(container("web")))).post(envs());
        created.then().statusCode(201);
        String location = envs() + "/dev/operations/" + created.header("Operation-Id");
        try (Connection c = db.getConnection(); PreparedStatement age = c.prepareStatement(
                "UPDATE environment_operation SET ended_at = now() - interval '400 days' WHERE id = ?")) {
            age.setObject(1, UUID.fromString(created.header("Operation-Id")));
            assertThat(age.executeUpdate()).isEqualTo(1);
        }
        assertThat(VertxContextSupport.subscribeAndAwait(() -> retention.removeOld("ended operations")))
                .isGreaterThanOrEqualTo(1);
        asAdmin().get(location).then().statusCode(404);
    }
}
