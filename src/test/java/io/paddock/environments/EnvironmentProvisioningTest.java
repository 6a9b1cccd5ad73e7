package io.paddock.environments;

import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.testing.EnvironmentRows;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;

/** What the environments API leaves in the cloud and the ledger, when provisioning works and when it fails. */
@QuarkusTest
class EnvironmentProvisioningTest {

    @Inject
    LocalCloudSettings cloud;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    EnvironmentRows rows;

    @Inject
    LocalCloudCalls calls;

    @Inject
    EnvironmentTransitions transitions;

    private final String app = unique("prov");

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    private String envs() {
        return path("acme", app);
    }

    @ParameterizedTest
    @ValueSource(strings = { "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "CreateTargetGroup", "CreateRule",
            "CreateFileSystem", "CreateAccessPoint", "CreateMountTarget", "RegisterTaskDefinition", "CreateService",
            "RegisterScalableTarget" })
    void aFailingStepAnswers502AndLeavesNothingBehind(String operation) {
        cloud.setFailOn(List.of(operation));
        Response response = asAdmin().body(webWithVolume("dev")).post(envs());
        assertError(response, 502, "ProvisioningFailed").body("message", containsString(operation));

        asAdmin().get(envs() + "/dev").then().statusCode(200).body("status", equalTo("FAILED"));
        UUID id = environmentId("dev");
        assertThat(support.ledger(id)).isEmpty();
        assertThat(support.inventory(id)).isEmpty();

        // A failed environment does not hold its name: it gives way to the new one.
        cloud.setFailOn(List.of());
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201).body("status", equalTo("ACTIVE"));
        assertThat(support.ledger(environmentId("dev"))).hasSize(12);
        assertThat(rows.exists(id)).as("the failed environment's row").isFalse();
    }

    /**
     * A replica whose lease on a CREATING environment ran out before the create's end (it could not renew it)
     * has handed the environment to a reconciler, which rolls it back: the create does not mark it ACTIVE
     * behind that reconciler's back, and its client is told.
     */
    @Test
    void aCreateWhoseLeaseWasTakenOverIsNotMarkedActive() throws Exception {
        cloud.setLatency(Duration.ofMillis(300));
        CompletableFuture<Response> create = CompletableFuture.supplyAsync(
                () -> asAdmin().body(webWithVolume("dev")).post(envs()));
        assertThat(eventually(() -> {
            try {
                return "CREATING".equals(rows.string(environmentId("dev"), "status"));
            } catch (AssertionError notYet) {
                return false;
            }
        })).isTrue();
        UUID id = environmentId("dev");
        rows.abandon(id, "CREATING", true);

        assertError(create.get(30, TimeUnit.SECONDS), 503, "ProvisioningInterrupted");
        assertThat(rows.string(id, "status")).isEqualTo("CREATING");
        assertThat(rows.string(id, "lease_owner")).as("the reconciler's claim is kept").isEqualTo("replica-that-died");
    }

    /**
     * A create whose lease another holder took over stops at its next step: it starts no provider call once its
     * replica has seen the new holder's token, and leaves what it made in the ledger to that holder.
     */
    @Test
    void aCreateWhoseLeaseIsTakenOverStartsNoFurtherStep() throws Throwable {
        cloud.setLatency(Duration.ofMillis(300));
        CompletableFuture<Response> create = CompletableFuture.supplyAsync(
                () -> asAdmin().body(webWithVolume("dev")).post(envs()));
        assertThat(eventually(() -> {
            try {
                return !support.ledger(environmentId("dev")).isEmpty();
            } catch (AssertionError notYet) {
                return false;
            }
        })).isTrue();
        UUID id = environmentId("dev");
        rows.abandon(id, "CREATING", false);
        VertxContextSupport.subscribeAndAwait(() -> transitions.renewLeases());
        long noticed = System.nanoTime();

        assertError(create.get(30, TimeUnit.SECONDS), 503, "ProvisioningInterrupted");
        assertThat(calls.forEnvironment(id)).as("provider calls started once the take-over was seen")
                .noneMatch(call -> call.startNanos() > noticed);
        assertThat(support.ledger(id)).as("what the create made, left to the new holder").isNotEmpty();
        assertThat(rows.string(id, "status")).isEqualTo("CREATING");
        assertThat(rows.string(id, "lease_owner")).isEqualTo("replica-that-died");
    }

    @Test
    void aCreatedEnvironmentHasEveryResourceInTheLedgerAndTheCloud() {
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201);
        UUID id = environmentId("dev");
        assertThat(support.ledger(id)).hasSize(12);
        assertThat(support.inventory(id)).hasSize(12);
    }

    /** A list stores the running counts the provider reported for every environment on it, in one statement. */
    @Test
    void aListStoresTheCountsItRead() {
        List<String> names = List.of("a", "b", "c");
        for (String name : names) {
            asAdmin().body(request(name, compose(container("web")))).post(envs()).then().statusCode(201);
            assertThat(rows.string(environmentId(name), "running_count")).isEqualTo("0");
        }
        List<String> versions = names.stream().map(name -> rows.string(environmentId(name), "version")).toList();

        asAdmin().get(envs()).then().statusCode(200).body("runningCount", equalTo(List.of(1, 1, 1)));

        for (int i = 0; i < names.size(); i++) {
            UUID id = environmentId(names.get(i));
            assertThat(rows.string(id, "running_count")).as(names.get(i)).isEqualTo("1");
            assertThat(rows.string(id, "version")).as("counts are not a change").isEqualTo(versions.get(i));
        }
    }

    @Test
    void deleteTearsEverythingDownInTheBackground() {
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201);
        UUID id = environmentId("dev");
        asAdmin().delete(envs() + "/dev").then().statusCode(204);

        assertThat(eventually(() -> support.ledger(id).isEmpty() && support.inventory(id).isEmpty())).isTrue();
        assertThat(eventually(() -> !rows.exists(id))).isTrue();
    }

    @Test
    void aFailedEnvironmentIsDeletedAtOnce() {
        cloud.setFailOn(List.of("CreateService"));
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(502);
        asAdmin().delete(envs() + "/dev").then().statusCode(204);
        assertError(asAdmin().get(envs() + "/dev"), 404, "NotFoundError");
    }

    @Test
    void aFailedUpdateKeepsThePreviousCompose() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        cloud.setFailOn(List.of("RegisterTaskDefinition"));
        Map<String, Object> v2 = container("web");
        v2.put("imageReference", Map.of("type", "internal", "identifier", "web-v2"));
        asAdmin().body(Map.of("composeDefinition", compose(v2))).put(envs() + "/dev").then().statusCode(202);

        assertThat(eventually(() -> "ACTIVE".equals(asAdmin().get(envs() + "/dev").path("status")))).isTrue();
        asAdmin().get(envs() + "/dev/compose").then().body("containers[0].imageReference.identifier", equalTo("web-latest"));
    }

    @Test
    void aFailedStateChangeAnswers502AndKeepsTheState() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        cloud.setFailOn(List.of("UpdateService"));
        assertError(asAdmin().body(Map.of("action", "stop")).put(envs() + "/dev/state"), 502, "ProvisioningFailed");
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("ACTIVE"));

        cloud.setFailOn(List.of());
        asAdmin().body(Map.of("action", "stop")).put(envs() + "/dev/state").then().statusCode(204);
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("STOPPED"));
    }

    private UUID environmentId(String envName) {
        return rows.id(app, envName);
    }
    /** The local cloud's services run their tasks: once started, an ACTIVE environment's running count is its desired. */
    @Test
    void aLocalEnvironmentsTasksRunOnceTheyHaveStarted() {
        asAdmin().body(request("run", compose(container("web")))).post(envs()).then().statusCode(201);
        assertThat(eventually(() -> asAdmin().get(envs() + "/run").then().statusCode(200).extract()
                .<Integer>path("runningCount") == 1)).as("runningCount reaches desiredCount (1)").isTrue();
        asAdmin().get(envs() + "/run").then().body("desiredCount", equalTo(1)).body("status", equalTo("ACTIVE"));
    }

    @Test
    void failuresAreShownAsFailedDeploymentsWithTheirReasons() {
        cloud.setFailOn(List.of("CreateService"));
        asAdmin().body(request("broken", compose(container("web")))).post(envs()).then().statusCode(502);
        JsonNode failed = json(asAdmin().get(envs() + "/broken"), 200);
        assertThat(failed.path("status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("deploymentStatus").asText()).isEqualTo("FAILED");
        assertThat(failed.path("deploymentFailureType").asText()).isEqualTo("CREATE_FAILED");
        assertThat(failed.path("deploymentFailureReason").asText()).contains("CreateService");

        cloud.setFailOn(List.of());
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        cloud.setFailOn(List.of("PutScalingPolicy"));
        asAdmin().body(Map.of("metric", "CPUUtilization", "targetValue", 50)).put(envs() + "/dev/scaling-policies")
                .then().statusCode(502);
        JsonNode undone = json(asAdmin().get(envs() + "/dev"), 200);
        assertThat(undone.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(undone.path("deploymentStatus").asText()).isEqualTo("FAILED");
        assertThat(undone.path("deploymentFailureType").asText()).isEqualTo("CHANGE_FAILED");
        assertThat(undone.path("deploymentFailureReason").asText()).contains("PutScalingPolicy");

        cloud.setFailOn(List.of());
        asAdmin().body(Map.of("metric", "CPUUtilization", "targetValue", 50)).put(envs() + "/dev/scaling-policies")
                .then().statusCode(200);
        JsonNode cured = json(asAdmin().get(envs() + "/dev"), 200);
        assertThat(cured.path("deploymentStatus").asText()).isEqualTo("COMPLETED");
        assertThat(cured.path("deploymentFailureReason").isNull()).isTrue();
    }

    private static JsonNode json(Response response, int status) {
        response.then().statusCode(status);
        try {
            return new ObjectMapper().readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }
}
