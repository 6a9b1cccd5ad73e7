package io.paddock.web;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.Api;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class IdempotencyTest {

    @Inject
    ProvisioningTestSupport cloud;

    @Inject
    LocalCloudSettings settings;

    @Inject
    EnvironmentRows rows;

    private final String app = unique("idem");

    @AfterEach
    void reset() {
        cloud.resetCloud();
    }

    @Test
    void aRepeatedCreateReplaysTheFirstResponseWithoutProvisioningAgain() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = request("dev", compose(container("web")));
        Response first = asAdmin().header("Idempotency-Key", key).body(body).post(path("acme", app));
        first.then().statusCode(201);
        UUID id = rows.id(app, "dev");
        int resources = cloud.ledger(id).size();

        Response again = asAdmin().header("Idempotency-Key", key).body(body).post(path("acme", app));
        again.then().statusCode(201)
                .header("Location", equalTo(first.header("Location")))
                .header("Idempotent-Replayed", "true");
        assertThat(again.asString()).isEqualTo(first.asString());
        assertThat(cloud.ledger(id)).hasSize(resources);

        // Without the key the same request is a new one, and the name is taken.
        assertError(asAdmin().body(body).post(path("acme", app)), 409, "NameExistsError");
    }

    @Test
    void theSameKeyForAnotherRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        asAdmin().header("Idempotency-Key", key).body(request("dev", compose(container("web")))).post(path("acme", app))
                .then().statusCode(201);
        assertError(asAdmin().header("Idempotency-Key", key).body(request("qa", compose(container("web"))))
                .post(path("acme", app)), 422, "IdempotencyKeyMismatch");
    }

    @Test
    void aRepeatWhileTheFirstIsRunningIsRefused() throws Exception {
        settings.setLatency(Duration.ofMillis(400));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = request("slow", compose(container("web")));
        var first = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> asAdmin().header("Idempotency-Key", key).body(body).post(path("acme", app)).statusCode());
        Thread.sleep(300);
        assertError(asAdmin().header("Idempotency-Key", key).body(body).post(path("acme", app)), 409, "IdempotencyKeyInUse");
        assertThat(first.get()).isEqualTo(201);
    }

    @Test
    void keysBelongToTheTokensScope() {
        String key = UUID.randomUUID().toString();
        String acme = Api.token("acme", null);
        as(acme).header("Idempotency-Key", key).body(request("dev", compose(container("web")))).post(path("acme", app))
                .then().statusCode(201);
        // Another scope's request with the same key is a request of its own.
        asAdmin().header("Idempotency-Key", key).body(request("qa", compose(container("web")))).post(path("acme", app))
                .then().statusCode(201);
    }

    @Test
    void aClientErrorIsReplayedAndAServerFailureCanBeRetried() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> bad = request("bad name", compose(container("web")));
        assertError(asAdmin().header("Idempotency-Key", key).body(bad).post(path("acme", app)), 400, "ValidationError");
        asAdmin().header("Idempotency-Key", key).body(bad).post(path("acme", app)).then().statusCode(400)
                .header("Idempotent-Replayed", "true");

        String retry = UUID.randomUUID().toString();
        Map<String, Object> body = request("dev", compose(container("web")));
        settings.setFailOn(List.of("CreateService"));
        assertError(asAdmin().header("Idempotency-Key", retry).body(body).post(path("acme", app)), 502, "ProvisioningFailed");
        settings.setFailOn(List.of());
        asAdmin().header("Idempotency-Key", retry).body(body).post(path("acme", app)).then().statusCode(201);
    }

    @Test
    void updatesDeletesAndCatalogCreatesTakeKeysToo() {
        asAdmin().body(request("dev", compose(container("web")))).post(path("acme", app)).then().statusCode(201);
        String key = UUID.randomUUID().toString();
        asAdmin().header("Idempotency-Key", key).delete(path("acme", app) + "/dev").then().statusCode(204);
        asAdmin().header("Idempotency-Key", key).delete(path("acme", app) + "/dev").then().statusCode(204)
                .header("Idempotent-Replayed", "true");

        String stage = unique("stage");
        String catalogKey = UUID.randomUUID().toString();
        Map<String, Object> catalogBody = Map.of("name", stage, "type", "test");
        asAdmin().header("Idempotency-Key", catalogKey).body(catalogBody).post("/api/admin/environments").then().statusCode(201);
        asAdmin().header("Idempotency-Key", catalogKey).body(catalogBody).post("/api/admin/environments").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("name", equalTo(stage));
    }

    @Test
    void aMalformedKeyIsRefused() {
        Response response = asAdmin().header("Idempotency-Key", "x".repeat(300)).body(request("dev", compose(container("web"))))
                .post(path("acme", app));
        assertError(response, 400, "ValidationError").body("details[0].path", equalTo("Idempotency-Key"));
    }
}
