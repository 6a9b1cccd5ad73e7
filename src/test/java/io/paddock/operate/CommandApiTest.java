package io.paddock.operate;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.token;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** One-off commands with the local provider: its simulated tasks run them to an end, with output and exit code. */
@QuarkusTest
class CommandApiTest {

    @Inject
    LocalCloudSettings cloud;

    private final String app = unique("shop");
    private String environmentId;

    private String commands() {
        return "/api/v3/organizations/acme/environments/" + environmentId + "/commands";
    }

    @BeforeEach
    void createEnvironment() {
        Map<String, Object> worker = container("worker");
        worker.put("essential", false);
        environmentId = asAdmin().body(request("staging", compose(worker, container("web")))).post(path("acme", app))
                .then().statusCode(201).extract().path("id");
    }

    @AfterEach
    void resetCloud() {
        cloud.setFailOn(List.of());
    }

    private Response run(String command) {
        return asAdmin().body(Map.of("command", command)).post(commands());
    }

    private Response finished(String runId) {
        assertThat(eventually(() -> asAdmin().get(commands() + "/" + runId).path("status").toString()
                .matches("SUCCEEDED|FAILED"))).as("the command finished").isTrue();
        return asAdmin().get(commands() + "/" + runId);
    }

    @Test
    void environmentBodiesCarryTheIdTheCommandsPathTakes() {
        assertThat(UUID.fromString(environmentId)).isNotNull();
        assertThat(asAdmin().get(path("acme", app) + "/staging").then().statusCode(200).extract().<String>path("id"))
                .isEqualTo(environmentId);
    }

    @Test
    void runsACommandInTheFirstEssentialContainerToItsEnd() {
        Response started = run("echo hello && echo 'big world'");
        started.then().statusCode(200);
        assertThat(started.<String>path("status")).isEqualTo("PENDING");
        assertThat(started.<String>path("runType")).isEqualTo("COMMAND");
        assertThat(started.<String>path("targetContainerName")).isEqualTo("web");
        assertThat(started.<String>path("command")).isEqualTo("echo hello && echo 'big world'");
        assertThat(started.<List<String>>path("output")).isEmpty();

        Response done = finished(started.path("runId"));

        assertThat(done.<String>path("status")).isEqualTo("SUCCEEDED");
        assertThat(done.<Integer>path("exitCode")).isZero();
        assertThat(done.<List<String>>path("output")).containsExactly("hello", "big world");
        assertThat(done.<String>path("startTime")).isNotBlank();
        assertThat(done.<String>path("endTime")).isNotBlank();
        assertThat(done.<String>path("taskArn")).contains(":task/");
    }

    @Test
    void aCommandThatExitsWithACodeFails() {
        Response started = asAdmin().body(Map.of("command", "echo migrating; exit 3", "targetContainerName", "worker"))
                .post(commands());

        Response done = finished(started.path("runId"));

        assertThat(done.<String>path("status")).isEqualTo("FAILED");
        assertThat(done.<Integer>path("exitCode")).isEqualTo(3);
        assertThat(done.<List<String>>path("output")).containsExactly("migrating");
        assertThat(done.<String>path("targetContainerName")).isEqualTo("worker");
    }

    @Test
    void itsOutputIsInTheEnvironmentsLogs() {
        finished(run("echo from-a-command").path("runId"));

        List<String> messages = asAdmin().queryParam("containerName", "web").queryParam("filterPattern", "from-a-command")
                .get(path("acme", app) + "/staging/logs").then().statusCode(200).extract().path("logEvents.message");
        assertThat(messages).containsExactly("from-a-command");
    }

    @Test
    void listsTheCommandsNewestFirstWithoutOutput() {
        String first = run("echo one").path("runId");
        String second = run("echo two").path("runId");

        Response list = asAdmin().get(commands());

        list.then().statusCode(200);
        assertThat(list.<List<String>>path("runId")).containsExactly(second, first);
        assertThat(list.<List<Object>>path("output")).containsOnlyNulls();
    }

    @Test
    void refusesAnEmptyCommandOrAnUnknownContainer() {
        Response empty = run("   ");
        assertError(empty, 400, "ValidationError");
        assertThat(detailPaths(empty)).containsExactly("/command");
        assertThat(detailPaths(asAdmin().body(Map.of()).post(commands()))).containsExactly("/command");
        Response container = asAdmin().body(Map.of("command", "ls", "targetContainerName", "db")).post(commands());
        assertError(container, 400, "ValidationError");
        assertThat(detailPaths(container)).containsExactly("/targetContainerName");
        assertThat(asAdmin().get(commands()).then().statusCode(200).extract().<List<Object>>path("$")).isEmpty();
    }

    @Test
    void aTaskTheProviderRefusesLeavesNoCommand() {
        cloud.setFailOn(List.of("RunTask"));

        Response refused = run("echo never");

        assertError(refused, 502, "ProvisioningFailed");
        assertThat(refused.<String>path("message")).contains("RunTask");
        assertThat(asAdmin().get(commands()).then().statusCode(200).extract().<List<Object>>path("$")).isEmpty();
    }

    @Test
    void answersNotFoundAndRefusesTokensOutsideTheEnvironment() {
        assertError(asAdmin().get("/api/v3/organizations/acme/environments/" + UUID.randomUUID() + "/commands"), 404,
                "NotFoundError");
        assertError(asAdmin().get("/api/v3/organizations/acme/environments/not-an-id/commands"), 404, "NotFoundError");
        assertError(asAdmin().get("/api/v3/organizations/other/environments/" + environmentId + "/commands"), 404,
                "NotFoundError");
        assertError(asAdmin().get(commands() + "/" + UUID.randomUUID()), 404, "NotFoundError");
        assertError(as(token("other", null)).get(commands()), 403, "NoAccessError");
        assertError(as(token("acme", "production")).get(commands()), 403, "NoAccessError");
        as(token("acme", "staging")).get(commands()).then().statusCode(200);
    }
}
