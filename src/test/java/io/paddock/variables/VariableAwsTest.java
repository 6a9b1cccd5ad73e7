package io.paddock.variables;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * An environment's variables with the aws provider against the AWS double: a change registers a new task definition
 * revision whose every container has them (a container's own value of a name wins) and rolls the service to it; a
 * change ECS refuses leaves the service on the revision it ran and the variables as they were.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class VariableAwsTest {

    AwsDouble aws;

    private final String app = unique("shop");

    private String envs() {
        return path("acme", app);
    }

    @BeforeEach
    void createEnvironment() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        web.put("environment", List.of(Map.of("name", "LOG_LEVEL", "value", "debug")));
        Map<String, Object> worker = container("worker");
        asAdmin().body(request("staging", compose(web, worker))).post(envs()).then().statusCode(201);
        aws.reset();
    }

    @AfterEach
    void reset() {
        aws.reset();
    }

    private boolean active() {
        return "ACTIVE".equals(asAdmin().get(envs() + "/staging").path("status"));
    }

    private static List<String> environmentOf(JsonNode definition, String container) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode c : definition.path("containerDefinitions")) {
            if (c.path("name").asText().equals(container)) {
                c.path("environment").forEach(v -> pairs.add(v.path("name").asText() + "=" + v.path("value").asText()));
            }
        }
        return pairs;
    }

    @Test
    void aNewRevisionCarriesTheVariablesInEveryContainerAndTheServiceRollsToIt() {
        Map<String, Object> body = Map.of("environment", List.of(Map.of("name", "LOG_LEVEL", "value", "info"),
                Map.of("name", "DATABASE_URL", "value", "postgres://db/shop")));
        asAdmin().body(body).put(envs() + "/staging/variables").then().statusCode(200);
        assertThat(eventually(this::active)).isTrue();

        assertThat(aws.requests("RegisterTaskDefinition")).hasSize(1);
        JsonNode definition = aws.requests("RegisterTaskDefinition").get(0).body();
        assertThat(environmentOf(definition, "web")).containsExactly("DATABASE_URL=postgres://db/shop", "LOG_LEVEL=debug");
        assertThat(environmentOf(definition, "worker")).containsExactly("LOG_LEVEL=info", "DATABASE_URL=postgres://db/shop");
        JsonNode update = aws.requests("UpdateService").get(0).body();
        assertThat(update.path("taskDefinition").asText()).endsWith(":2");
        asAdmin().get(envs() + "/staging").then().body("taskDefinition.revision", equalTo(2));
    }

    @Test
    void aChangeEcsRefusesLeavesTheRevisionAndTheVariables() {
        asAdmin().body(Map.of("value", "1")).put(envs() + "/staging/variables/A").then().statusCode(200);
        assertThat(eventually(this::active)).isTrue();
        aws.reset();

        aws.fail("RegisterTaskDefinition", 400, "ClientException", "Container definition is invalid.", 1);
        asAdmin().body(Map.of("value", "2")).put(envs() + "/staging/variables/A").then().statusCode(200);
        assertThat(eventually(() -> active() && "FAILED".equals(asAdmin().get(envs() + "/staging")
                .path("deploymentStatus")))).isTrue();

        assertThat(aws.requests("UpdateService")).isEmpty();
        asAdmin().get(envs() + "/staging/variables").then().body("A", equalTo("1"));
        asAdmin().get(envs() + "/staging").then().body("taskDefinition.revision", equalTo(2));
    }

    @Test
    void aCreatesVariablesAreInItsFirstRevision() {
        Map<String, Object> body = request("review", compose(container("web")));
        body.put("environment", List.of(Map.of("name", "FEATURE", "value", "on")));
        asAdmin().body(body).post(envs()).then().statusCode(201);

        JsonNode definition = aws.requests("RegisterTaskDefinition").get(0).body();
        assertThat(environmentOf(definition, "web")).containsExactly("FEATURE=on");
    }
}
