package io.paddock.catalog;

import static io.paddock.catalog.CatalogTesting.BASE;
import static io.paddock.catalog.CatalogTesting.insertApplicationEnvironment;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A GET of one catalog environment reuses the projectCount it counted within paddock.catalog.project-count-ttl (an
 * hour here, so nothing expires during the test): what another replica writes shows only once the count is
 * forgotten, which this replica does when it creates or deletes an application environment of the stage.
 */
@QuarkusTest
@TestProfile(CatalogProjectCountTest.Profile.class)
class CatalogProjectCountTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paddock.catalog.project-count-ttl", "1h");
        }
    }

    @Inject AgroalDataSource dataSource;

    @Test
    void reusesTheCountUntilThisReplicaCreatesOrDeletesAnEnvironmentOfTheStage() throws Exception {
        String stage = CatalogTesting.createEnvironment("counted", "test", null);
        String application = Api.unique("shop");
        asAdmin().get(BASE + "/" + stage).then().statusCode(200).body("projectCount", equalTo(0));

        // Another replica's application environment: the GET answers with the count it kept; the list counts.
        insertApplicationEnvironment(dataSource, Api.unique("org"), "shop", stage, "ACTIVE");
        asAdmin().get(BASE + "/" + stage).then().statusCode(200).body("projectCount", equalTo(0));
        asAdmin().get(BASE).then().statusCode(200)
                .body("environments.find { it.name == '" + stage + "' }.projectCount", equalTo(1));

        asAdmin().body(request(stage, compose(container("web")))).post(path("acme", application)).then().statusCode(201);
        asAdmin().get(BASE + "/" + stage).then().statusCode(200).body("projectCount", equalTo(2));

        asAdmin().delete(path("acme", application) + "/" + stage).then().statusCode(204);
        asAdmin().get(BASE + "/" + stage).then().statusCode(200).body("projectCount", equalTo(1));
    }

    @Test
    void aCountIsKeptPerStage() throws Exception {
        String counted = CatalogTesting.createEnvironment("counted", "test", null);
        String other = CatalogTesting.createEnvironment("other", "test", null);
        asAdmin().get(BASE + "/" + counted).then().body("projectCount", equalTo(0));
        insertApplicationEnvironment(dataSource, Api.unique("org"), "shop", other, "ACTIVE");

        asAdmin().get(BASE + "/" + other).then().statusCode(200).body("projectCount", equalTo(1));
        asAdmin().get(BASE + "/" + counted).then().statusCode(200).body("projectCount", equalTo(0));
    }
}
