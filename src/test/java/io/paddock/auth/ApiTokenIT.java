package io.paddock.auth;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.paddock.testing.PaddockProcess;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Token revocation across replicas, each with its token cache warm: the packaged application under test and a
 * second one started here against the same database.
 */
@QuarkusIntegrationTest
class ApiTokenIT {

    private static final String TOKENS = "/api/admin/api-tokens";
    private static final String PROBE = "/api/v3/organizations/acme/applications/token-it/environments";
    private static final Pattern HITS = Pattern.compile("(?m)^paddock_api_token_cache_hits_total(?:\\{[^}]*})? ([0-9.eE+]+)$");

    private static PaddockProcess other;

    @BeforeAll
    static void startAnotherReplica() throws Exception {
        other = new PaddockProcess(Map.of("PADDOCK_RECONCILER_ENABLED", "false"),
                PaddockProcess.logFile("api-token-it-replica.log"));
        other.start();
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (other != null) {
            other.stop();
        }
    }

    @Test
    void tokenDeletedOnOneReplicaIsRefusedByAnotherWhoseCacheHoldsIt() throws Exception {
        awaitListening();
        Response created = asAdmin().body(Map.of("tokenName", unique("replicas"), "organisation", "acme")).post(TOKENS);
        created.then().statusCode(201);
        String token = created.path("secret");

        double hitsBefore = hits();
        onOther(token).get(PROBE).then().statusCode(200);
        onOther(token).get(PROBE).then().statusCode(200);
        assertThat(hits()).as("the other replica answered the second request from its cache").isGreaterThan(hitsBefore);

        asAdmin().delete(TOKENS + "/" + created.path("id")).then().statusCode(204);

        // The other replica forgets the token when the delete's notification arrives, milliseconds after the
        // commit; without it, the cached token would be accepted for another 10 s.
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        int status;
        do {
            status = onOther(token).get(PROBE).statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(401);
        onOther(token).get(PROBE).then().statusCode(401);
    }

    private static RequestSpecification onOther(String token) {
        return given().baseUri(other.baseUrl()).port(other.port()).header("Authorization", token);
    }

    private static double hits() {
        String metrics = given().baseUri(other.baseUrl()).port(other.port()).get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher m = HITS.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String metrics = given().baseUri(other.baseUrl()).port(other.port()).get("/q/metrics").asString();
            if (metrics.contains("paddock_api_token_cache_listening 1.0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the other replica never listened for token changes; its token cache is off");
    }
}
