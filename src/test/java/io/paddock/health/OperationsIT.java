package io.paddock.health;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** What a platform reads from a running Paddock: health, metrics and the API description. */
@QuarkusIntegrationTest
class OperationsIT {

    @Test
    void healthEndpointsAnswerUpWithoutAToken() {
        for (String path : new String[] { "/q/health/started", "/q/health/live", "/q/health/ready" }) {
            given().get(path).then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void metricsCountTheRequestsServed() {
        asAdmin().get("/api/admin/environments").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/admin/environments\"}"));
    }

    @Test
    void theOpenApiDocumentDescribesBothApis() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Paddock"))
                .body("paths", hasKey("/api/admin/environments"))
                .body("paths", hasKey(
                        "/api/v3/organizations/{organisation}/applications/{application}/environments"));
    }

    @Test
    void theApplicationUnderTestIsThePackagedOneWithoutTestOnlyRoutes() {
        // ProbeResource exists only on the test class path: a packaged artifact does not serve it.
        assertError(asAdmin().get("/api/test-probe/undeclared"), 404, "NotFoundError");
    }
}
