package io.paddock.environments;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paddock.testing.Api;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Application environments end to end, against the packaged application. */
@QuarkusIntegrationTest
class EnvironmentIT {

    private final String app = unique("it-shop");

    @Test
    void anEnvironmentIsCreatedReadStoppedStartedAndDeleted() {
        String envs = path("acme", app);

        asAdmin().body(webWithVolume("dev")).post(envs)
                .then().statusCode(201)
                .header("Location", endsWith(envs + "/dev"))
                .body("status", equalTo("ACTIVE"))
                .body("service.arn", matchesPattern("^arn:aws:ecs:.+:service/.+"))
                .body("volumes", hasSize(1));
        asAdmin().get(envs + "/dev").then().statusCode(200)
                .body("envName", equalTo("dev"))
                .body("volumes[0].volumeName", equalTo("files"));
        asAdmin().get(envs + "/dev/compose").then().statusCode(200)
                .body("containers[0].mountPoints[0].containerPath", equalTo("/data"));
        asAdmin().get(envs).then().statusCode(200).body("envName", equalTo(List.of("dev")));

        asAdmin().body(Map.of("action", "stop")).put(envs + "/dev/state").then().statusCode(204);
        asAdmin().get(envs + "/dev").then().body("status", equalTo("STOPPED")).body("desiredCount", equalTo(0));
        asAdmin().body(Map.of("action", "start")).put(envs + "/dev/state").then().statusCode(204);
        asAdmin().get(envs + "/dev").then().body("desiredCount", equalTo(1));

        asAdmin().delete(envs + "/dev").then().statusCode(204);
        assertError(asAdmin().get(envs + "/dev"), 404, "NotFoundError");
    }

    @Test
    void anInvalidComposeIsAnsweredWithEveryProblemInTheErrorBody() {
        Map<String, Object> web = container("web app");
        web.put("exposedPorts", List.of(70000));
        Response response = asAdmin().body(request("dev", compose(web))).post(path("acme", app));

        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactly(
                "/composeDefinition/containers/0/exposedPorts/0",
                "/composeDefinition/containers/0/name");
    }

    @Test
    void requestsWithoutAValidTokenOrOutsideItsScopeAreRefused() {
        String envs = path("acme", app);
        assertError(given().contentType(ContentType.JSON).get(envs), 401, "AuthenticationRequired");
        assertError(as("*:*.not-a-token").get(envs), 401, "UnauthorizedError");
        assertError(as(Api.token("other-org", null)).get(envs), 403, "NoAccessError");
    }
}
