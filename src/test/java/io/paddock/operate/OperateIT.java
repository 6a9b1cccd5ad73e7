package io.paddock.operate;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** A running environment end to end, against the packaged application: a command, its output, its logs. */
@QuarkusIntegrationTest
class OperateIT {

    private final String app = unique("it-ops");

    @Test
    void aCommandRunsToItsEndAndItsOutputIsReadBackThroughTheLogs() {
        String envs = path("acme", app);
        String id = asAdmin().body(request("dev", compose(container("web")))).post(envs)
                .then().statusCode(201).extract().path("id");
        String commands = "/api/v3/organizations/acme/environments/" + id + "/commands";

        String runId = asAdmin().body(Map.of("command", "echo it-works && exit 0")).post(commands)
                .then().statusCode(200).extract().path("runId");

        assertThat(eventually(() -> "SUCCEEDED".equals(asAdmin().get(commands + "/" + runId).path("status"))))
                .as("the command succeeded").isTrue();
        assertThat(asAdmin().get(commands + "/" + runId).then().statusCode(200).extract().<List<String>>path("output"))
                .containsExactly("it-works");
        assertThat(asAdmin().queryParam("filterPattern", "it-works").get(envs + "/dev/logs").then().statusCode(200)
                .extract().<List<String>>path("logEvents.message")).containsExactly("it-works");
        asAdmin().delete(envs + "/dev").then().statusCode(204);
    }
}
