package io.paddock.provisioning;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.paddock.testing.EnvironmentRows;
import io.paddock.testing.Environments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/** spotConfiguration through the API on the local provider: checked before anything is stored, applied to the service. */
@QuarkusTest
class LocalSpotCapacityTest {

    @Inject
    ProvisioningTestSupport support;
    @Inject
    EnvironmentRows rows;

    @Test
    void aMixedStrategyWithFewerThanTwoTasksIsRefusedNamingTheField() {
        String application = unique("spot");
        Map<String, Object> body = request("dev", withSpot("mixed-safe"));
        Response refused = asAdmin().body(body).post(path("acme", application));
        assertError(refused, 400, "ValidationError");
        assertEquals(List.of("/composeDefinition/spotConfiguration/strategy"), detailPaths(refused));

        body.put("minCapacity", 1);
        refused = asAdmin().body(body).post(path("acme", application));
        assertError(refused, 400, "ValidationError");
        assertEquals(List.of("/minCapacity"), detailPaths(refused));

        asAdmin().get(path("acme", application) + "/dev").then().statusCode(404);
    }

    @Test
    void theServiceRunsOnTheStrategyAndAnUpdateChangesIt() {
        String application = unique("spot");
        asAdmin().body(request("dev", withSpot("spot-only"))).post(path("acme", application)).then().statusCode(201);
        UUID id = rows.id(application, "dev");
        assertEquals("FARGATE_SPOT:1", strategy(id));

        Map<String, Object> update = Map.of("composeDefinition", withSpot("mixed-aggressive"));
        Response refused = asAdmin().body(update).put(path("acme", application) + "/dev");
        assertError(refused, 400, "ValidationError");
        assertEquals(List.of("/composeDefinition/spotConfiguration/strategy"), detailPaths(refused));
        assertEquals("FARGATE_SPOT:1", strategy(id));

        asAdmin().body(Map.of("composeDefinition", withSpot("mixed-aggressive"), "minCapacity", 2, "maxCapacity", 3))
                .put(path("acme", application) + "/dev").then().statusCode(202);
        assertTrue(Environments.eventually(() -> strategy(id).equals("FARGATE:1 FARGATE_SPOT:4")), strategy(id));

        asAdmin().body(Map.of("composeDefinition", withSpot("off"))).put(path("acme", application) + "/dev")
                .then().statusCode(202);
        assertTrue(Environments.eventually(() -> "FARGATE".equals(service(id).getString("launchType"))
                && strategy(id).isEmpty()), service(id).encode());
    }

    /** The service's capacity provider strategy as the local cloud holds it: "PROVIDER:weight" items. */
    private String strategy(UUID id) {
        return String.join(" ", service(id).getJsonArray("capacityProviderStrategy").stream()
                .map(item -> (JsonObject) item)
                .map(item -> item.getString("capacityProvider") + ":" + item.getInteger("weight"))
                .toList());
    }

    private JsonObject service(UUID id) {
        return support.inventory(id).stream().filter(row -> row.getString("type").equals("service")).findFirst()
                .orElseThrow().getJsonObject("attributes");
    }

    private static Map<String, Object> withSpot(String strategy) {
        Map<String, Object> compose = compose(container("web"));
        compose.put("spotConfiguration", Map.of("strategy", strategy));
        return compose;
    }
}
