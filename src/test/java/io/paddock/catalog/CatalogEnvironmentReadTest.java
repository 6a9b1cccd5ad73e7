package io.paddock.catalog;

import static io.paddock.catalog.CatalogTesting.BASE;
import static io.paddock.catalog.CatalogTesting.insertApplicationEnvironment;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogEnvironmentReadTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void freshInstallationHasDevelopmentAndProtectedProduction() {
        asAdmin().get(BASE + "/development")
                .then()
                .statusCode(200)
                .body("type", equalTo("development"))
                .body("enabled", equalTo(true))
                .body("protected", equalTo(false))
                .body("sortOrder", equalTo(2));
        asAdmin().get(BASE + "/production")
                .then()
                .statusCode(200)
                .body("type", equalTo("production"))
                .body("enabled", equalTo(true))
                .body("protected", equalTo(true))
                .body("sortOrder", equalTo(3));
    }

    @Test
    void listsEnvironmentsBySortOrderThenName() {
        String suffix = Api.unique("order");
        String later = "b-" + suffix;
        String earlier = "a-" + suffix;
        String first = "c-" + suffix;
        asAdmin().body(CatalogTesting.body(later, "test", null, 700_001)).post(BASE).then().statusCode(201);
        asAdmin().body(CatalogTesting.body(earlier, "test", null, 700_001)).post(BASE).then().statusCode(201);
        asAdmin().body(CatalogTesting.body(first, "test", null, 700_000)).post(BASE).then().statusCode(201);

        List<Map<String, Object>> environments = asAdmin().get(BASE)
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .extract().jsonPath().getList("environments");

        List<String> names = environments.stream().map(e -> (String) e.get("name")).toList();
        assertTrue(names.indexOf(first) < names.indexOf(earlier), names.toString());
        assertTrue(names.indexOf(earlier) < names.indexOf(later), names.toString());
        Comparator<Map<String, Object>> order = Comparator
                .<Map<String, Object>, Integer>comparing(e -> (Integer) e.get("sortOrder"))
                .thenComparing(e -> (String) e.get("name"));
        assertEquals(environments.stream().sorted(order).toList(), environments);
        assertTrue(names.containsAll(List.of("development", "production")));
    }

    @Test
    void answersNotFoundForUnknownName() {
        assertError(asAdmin().get(BASE + "/" + Api.unique("missing")), 404, "NotFoundError");
    }

    @Test
    void countsApiTokensScopedToTheEnvironment() {
        String name = CatalogTesting.createEnvironment("tokens", "test", null);
        Api.token("acme", name);
        Api.token("acme", name);
        Api.token("globex", name);
        Api.token("acme", null);
        Api.token("acme", Api.unique("other"));
        String deleted = asAdmin().body(Map.of("tokenName", "to delete", "organisation", "acme", "environment", name))
                .post("/api/admin/api-tokens")
                .then().statusCode(201)
                .extract().path("id");

        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("apiTokenCount", equalTo(4));
        asAdmin().delete("/api/admin/api-tokens/" + deleted).then().statusCode(204);

        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("apiTokenCount", equalTo(3));
        asAdmin().get(BASE)
                .then()
                .statusCode(200)
                .body("environments.find { it.name == '" + name + "' }.apiTokenCount", equalTo(3));
    }

    @Test
    void countsApplicationsWithLiveApplicationEnvironments() throws Exception {
        String name = CatalogTesting.createEnvironment("projects", "test", null);
        String organisation = Api.unique("org");
        insertApplicationEnvironment(dataSource, organisation, "shop", name, "ACTIVE");
        insertApplicationEnvironment(dataSource, organisation, "shop", name, "FAILED");
        insertApplicationEnvironment(dataSource, organisation, "blog", name, "CREATING");
        insertApplicationEnvironment(dataSource, organisation, "wiki", name, "STOPPED");
        insertApplicationEnvironment(dataSource, "other-" + organisation, "shop", name, "UPDATING");
        insertApplicationEnvironment(dataSource, organisation, "old", name, "FAILED");
        insertApplicationEnvironment(dataSource, organisation, "gone", name, "DELETING");
        insertApplicationEnvironment(dataSource, organisation, "elsewhere", Api.unique("other"), "ACTIVE");

        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("projectCount", equalTo(4));
        asAdmin().get(BASE)
                .then()
                .statusCode(200)
                .body("environments.find { it.name == '" + name + "' }.projectCount", equalTo(4));
    }

    @Test
    void organisationTokenMayRead() {
        String token = Api.token("acme", null);
        Api.as(token).get(BASE).then().statusCode(200).body("version", equalTo(1));
        Api.as(token).get(BASE + "/production").then().statusCode(200).body("name", equalTo("production"));
        String environmentToken = Api.token("acme", "development");
        Api.as(environmentToken).get(BASE + "/development").then().statusCode(200);
    }

    @Test
    void refusesReadsWithoutValidToken() {
        assertError(given().get(BASE), 401, "AuthenticationRequired");
        assertError(given().header("Authorization", "*:*.not-a-real-secret").get(BASE + "/production"),
                401, "UnauthorizedError");
    }
}
