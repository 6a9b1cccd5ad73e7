package io.paddock.catalog;

import static io.paddock.catalog.CatalogTesting.BASE;
import static io.paddock.catalog.CatalogTesting.body;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.paddock.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CatalogEnvironmentCreateTest {

    @Test
    void createsEnvironmentWithLocationAndBody() {
        String name = Api.unique("t~x.y_z");
        Response response = asAdmin().body(body(name, "test", false, 42)).post(BASE);

        response.then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("type", equalTo("test"))
                .body("enabled", equalTo(false))
                .body("protected", equalTo(false))
                .body("sortOrder", equalTo(42))
                .body("projectCount", equalTo(0))
                .body("apiTokenCount", equalTo(0))
                .body("$", not(hasKey("isProtected")))
                .body("$", not(hasKey("enabledToggleCount")));
        URI location = URI.create(response.header("Location"));
        assertEquals("/api/admin/environments/" + name, location.getRawPath());

        given().header("Authorization", Api.ADMIN).urlEncodingEnabled(false)
                .get(location.getRawPath())
                .then()
                .statusCode(200)
                .body("name", equalTo(name));
    }

    @Test
    void defaultsToEnabledAndAfterTheCurrentLastSortOrder() {
        String name = Api.unique("defaults");
        asAdmin().body(body(name, "development", null, null)).post(BASE)
                .then()
                .statusCode(201)
                .body("enabled", equalTo(true));

        List<Map<String, Object>> environments = asAdmin().get(BASE).then().statusCode(200)
                .extract().jsonPath().getList("environments");
        int created = -1;
        int highestOther = Integer.MIN_VALUE;
        for (Map<String, Object> environment : environments) {
            int sortOrder = (Integer) environment.get("sortOrder");
            if (name.equals(environment.get("name"))) {
                created = sortOrder;
            } else {
                highestOther = Math.max(highestOther, sortOrder);
            }
        }
        assertEquals(highestOther + 1, created);
    }

    @Test
    void acceptsTypesItDoesNotRecogniseAndNamesOfOneHundredCharacters() {
        String name = Api.unique("long");
        name = name + "a".repeat(100 - name.length());
        asAdmin().body(body(name, "canary", null, null)).post(BASE)
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .body("type", equalTo("canary"));
    }

    @Test
    void rejectsDuplicateEnvironmentName() {
        String name = CatalogTesting.createEnvironment("dup", "test", null);

        assertError(asAdmin().body(body(name, "production", null, null)).post(BASE), 409, "NameExistsError")
                .body("message", containsString(name));
        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("type", equalTo("test"));
    }

    @Test
    void rejectsTheSeededNames() {
        assertError(asAdmin().body(body("production", "production", null, null)).post(BASE), 409, "NameExistsError");
    }

    @Test
    void fiftyConcurrentCreatesOfOneNameGiveExactlyOneCreated() throws Exception {
        String name = Api.unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return asAdmin().body(body(name, "test", null, null)).post(BASE);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> future : futures) {
                Response response = future.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertEquals("NameExistsError", response.jsonPath().getString("name"));
                }
            }
            assertEquals(1, Collections.frequency(statuses, 201), "statuses: " + statuses);
            assertEquals(49, Collections.frequency(statuses, 409), "statuses: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        List<String> names = asAdmin().get(BASE).then().extract().jsonPath().getList("environments.name");
        assertEquals(1, Collections.frequency(names, name));
    }

    @Test
    void rejectsMissingName() {
        Response response = asAdmin().body(body(null, "test", null, null)).post(BASE);
        assertError(response, 400, "ValidationError").body("details[0].message", containsString("is required"));
        assertEquals(List.of("/name"), detailPaths(response));
    }

    @Test
    void rejectsNamesThatAreNotUrlSafe() {
        for (String name : List.of("a/b", "a b", " leading", "ümlaut", "a?b", "a%2Fb", "", ".", "..")) {
            Response response = asAdmin().body(body(name, "test", null, null)).post(BASE);
            assertError(response, 400, "ValidationError");
            assertEquals(List.of("/name"), detailPaths(response), "name: " + name);
        }
    }

    @Test
    void rejectsNameOfOneHundredAndOneCharacters() {
        Response response = asAdmin().body(body("n".repeat(101), "test", null, null)).post(BASE);
        assertError(response, 400, "ValidationError").body("details[0].message", containsString("100 characters"));
        assertEquals(List.of("/name"), detailPaths(response));
    }

    @Test
    void rejectsMissingOrEmptyType() {
        for (Map<String, Object> sent : List.of(body(Api.unique("typeless"), null, null, null),
                body(Api.unique("typeless"), "", null, null), body(Api.unique("typeless"), "   ", null, null))) {
            Response response = asAdmin().body(sent).post(BASE);
            assertError(response, 400, "ValidationError").body("details[0].message", containsString("send"));
            assertEquals(List.of("/type"), detailPaths(response), "body: " + sent);
        }
    }

    @Test
    void rejectsSortOrderThatIsNotAnInteger() {
        for (String sortOrder : List.of("\"3\"", "1.5", "true", "9999999999")) {
            Response response = asAdmin()
                    .body("{\"name\":\"" + Api.unique("sort") + "\",\"type\":\"test\",\"sortOrder\":" + sortOrder + "}")
                    .post(BASE);
            assertError(response, 400, "ValidationError").body("details[0].message", containsString("an integer"));
            assertEquals(List.of("/sortOrder"), detailPaths(response), "sortOrder: " + sortOrder);
        }
    }

    @Test
    void rejectsStringForEnabled() {
        Response response = asAdmin()
                .body("{\"name\":\"" + Api.unique("flag") + "\",\"type\":\"test\",\"enabled\":\"true\"}")
                .post(BASE);
        assertError(response, 400, "ValidationError").body("details[0].message", containsString("true or false"));
        assertEquals(List.of("/enabled"), detailPaths(response));
    }

    @Test
    void rejectsUnknownProperties() {
        Response response = asAdmin()
                .body("{\"name\":\"" + Api.unique("extra") + "\",\"type\":\"test\",\"colour\":\"red\",\"protected\":true}")
                .post(BASE);
        assertError(response, 400, "ValidationError").body("details[0].message", containsString("not a known property"));
        assertEquals(List.of("/colour", "/protected"), detailPaths(response).stream().sorted().toList());
    }

    @Test
    void rejectsArrayAndEmptyBodies() {
        for (String sent : List.of("[]", "", "   ", "{\"name\":", "\"text\"")) {
            Response response = asAdmin().body(sent).post(BASE);
            assertError(response, 400, "ValidationError");
            assertEquals(List.of(""), detailPaths(response), "body: " + sent);
        }
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Response response = asAdmin().body(body("a b", "", null, null)).post(BASE);
        assertError(response, 400, "ValidationError");
        assertEquals(List.of("/name", "/type"), detailPaths(response));
    }

    @Test
    void refusesCreateWithoutAdminToken() {
        String organisationToken = Api.token("acme", null);
        assertError(Api.as(organisationToken).body(body(Api.unique("org"), "test", null, null)).post(BASE),
                403, "NoAccessError");
        assertError(given().contentType("application/json").body(body(Api.unique("anon"), "test", null, null))
                .post(BASE), 401, "AuthenticationRequired");
    }
}
