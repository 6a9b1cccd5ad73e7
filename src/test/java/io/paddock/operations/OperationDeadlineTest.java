package io.paddock.operations;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.CloudOperation;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** An operation that runs past paddock.operations.deadline is stopped at its next step, undone, and ends TIMED_OUT. */
@QuarkusTest
@TestProfile(OperationDeadlineTest.ShortDeadline.class)
class OperationDeadlineTest {

    public static class ShortDeadline implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paddock.operations.deadline", "2s");
        }
    }

    @Inject
    LocalCloudSettings cloud;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    EnvironmentRows rows;

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    @Test
    void aCreatePastItsDeadlineIsUndoneAndItsCallerToldWhichStepItReached() {
        String envs = path("acme", unique("late"));
        cloud.setLatency(Duration.ofMillis(20));
        cloud.setLatency(CloudOperation.CREATE_SERVICE, Duration.ofSeconds(4));

        Response response = asAdmin().body(webWithVolume("dev")).post(envs);
        assertError(response, 504, "OperationTimedOut")
                .body("message", containsString("Timed out before "))
                .body("message", containsString("paddock.operations.deadline"));

        String application = envs.substring(envs.lastIndexOf("/applications/") + 14, envs.lastIndexOf("/environments"));
        UUID id = rows.id(application, "dev");
        assertThat(support.ledger(id)).as("ledger").isEmpty();
        assertThat(support.inventory(id)).as("cloud").isEmpty();
        JsonPath operation = asAdmin().get(envs + "/dev/operations/" + response.header("Operation-Id")).then()
                .statusCode(200).extract().jsonPath();
        assertThat(operation.getString("status")).isEqualTo("TIMED_OUT");
        assertThat(operation.getString("failureReason")).startsWith("Timed out before ");
        // The service takes longer than the deadline, so what follows it never starts.
        assertThat(operation.getList("steps.step", String.class)).isNotEmpty().doesNotContain("RegisterScalableTarget");
        asAdmin().get(envs + "/dev").then().statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("deploymentFailureType", equalTo("TIMED_OUT"));
    }
}
