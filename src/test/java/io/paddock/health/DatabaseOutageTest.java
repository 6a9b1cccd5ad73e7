package io.paddock.health;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.paddock.testing.DatabaseProxyResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Readiness and requests while PostgreSQL is unreachable, and recovery without restarting Paddock. */
@QuarkusTest
@WithTestResource(DatabaseProxyResource.class)
class DatabaseOutageTest {

    @Test
    void readinessIsDownWhileTheDatabaseIsGoneAndUpWhenItReturns() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        asAdmin().get("/api/admin/api-tokens").then().statusCode(200);

        DatabaseProxyResource.proxy.cut();
        try {
            assertThat(eventually(() -> given().get("/q/health/ready").statusCode() == 503)).isTrue();
            long start = System.nanoTime();
            assertError(asAdmin().get("/api/admin/api-tokens"), 503, "ServiceUnavailable");
            // Failing fast means well inside the client's patience, not a hang until a timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            DatabaseProxyResource.proxy.restore();
        }

        assertThat(eventually(() -> given().get("/q/health/ready").statusCode() == 200)).isTrue();
        assertThat(eventually(() -> asAdmin().get("/api/admin/api-tokens").statusCode() == 200)).isTrue();
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
