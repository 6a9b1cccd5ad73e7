package io.paddock.operate;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Registry login and shell access with the local provider, and the grants a token needs for them. */
@QuarkusTest
class AccessApiTest {

    private final String app = unique("shop");

    private String shell() {
        return path("acme", app) + "/staging/ssh-access";
    }

    @BeforeEach
    void createEnvironment() {
        Map<String, Object> worker = container("worker");
        worker.put("essential", false);
        asAdmin().body(request("staging", compose(container("web"), worker))).post(path("acme", app))
                .then().statusCode(201);
    }

    private static String token(String environment, List<String> grants) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("tokenName", unique("operator"));
        body.put("organisation", "acme");
        if (environment != null) {
            body.put("environment", environment);
        }
        body.put("grants", grants);
        Response created = asAdmin().body(body).post("/api/admin/api-tokens");
        created.then().statusCode(201);
        assertThat(created.<List<String>>path("grants")).containsExactlyInAnyOrderElementsOf(grants);
        return created.path("secret");
    }

    @Test
    void aRegistryLoginExpiresAndIsFreshEachTime() {
        String registry = token(null, List.of("registry"));
        Response first = as(registry).get("/api/v3/organizations/acme/applications/ecr-login");
        first.then().statusCode(200);
        Response second = as(registry).get("/api/v3/organizations/acme/applications/ecr-login");

        assertThat(first.<String>path("username")).isEqualTo("AWS");
        assertThat(first.<String>path("endpoint")).isEqualTo("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(first.<String>path("password")).isNotBlank().isNotEqualTo(second.path("password"));
        assertThat(OffsetDateTime.parse(first.path("expiresAt")))
                .isBetween(OffsetDateTime.now().plusHours(11), OffsetDateTime.now().plusHours(13));
    }

    @Test
    void shellAccessNamesOneRunningTaskOfTheEnvironment() {
        Response access = as(token("staging", List.of("shell"))).get(shell());

        access.then().statusCode(200);
        assertThat(access.<Boolean>path("success")).isTrue();
        assertThat(access.<String>path("clusterName")).isEqualTo("paddock");
        assertThat(access.<String>path("taskArn")).contains(":task/paddock/").endsWith(access.<String>path("taskId"));
        assertThat(access.<List<String>>path("containerNames")).containsExactly("web", "worker");
        assertThat(access.<String>path("region")).isEqualTo("eu-west-1");
        assertThat(access.<Integer>path("expiresIn")).isBetween(890, 900);
        assertThat(access.<String>path("organizationScope")).isEqualTo("acme");
        assertThat(access.<String>path("credentials.accessKeyId")).startsWith("ASIA");
        assertThat(access.<String>path("credentials.secretAccessKey")).isNotBlank();
        assertThat(access.<String>path("credentials.sessionToken")).isNotBlank();
        assertThat(OffsetDateTime.parse(access.path("credentials.expiration")))
                .isBetween(OffsetDateTime.now().plusMinutes(14), OffsetDateTime.now().plusMinutes(16));
    }

    @Test
    void aStoppedEnvironmentHasNoTaskToOpenAShellIn() {
        asAdmin().body(Map.of("action", "stop")).put(path("acme", app) + "/staging/state").then().statusCode(204);

        assertError(asAdmin().get(shell()), 404, "NoRunningTaskError");
    }

    @Test
    void eachNeedsItsGrant() {
        String plain = token(null, List.of());
        assertError(as(plain).get(shell()), 403, "NoAccessError");
        assertError(as(plain).get("/api/v3/organizations/acme/applications/ecr-login"), 403, "NoAccessError");
        String registryOnly = token(null, List.of("registry"));
        assertError(as(registryOnly).get(shell()), 403, "NoAccessError");
        String otherEnvironment = token("production", List.of("shell"));
        assertError(as(otherEnvironment).get(shell()), 403, "NoAccessError");
        assertError(asAdmin().body(Map.of("tokenName", "x", "organisation", "acme", "grants", List.of("root")))
                .post("/api/admin/api-tokens"), 400, "ValidationError");
        asAdmin().get(shell()).then().statusCode(200);
    }
}
