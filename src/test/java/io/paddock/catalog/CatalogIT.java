package io.paddock.catalog;

import static io.paddock.catalog.CatalogTesting.BASE;
import static io.paddock.catalog.CatalogTesting.body;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The environment catalog end to end, against the packaged application. */
@QuarkusIntegrationTest
class CatalogIT {

    @Test
    void aCatalogEnvironmentLivesThroughItsWholeLifecycle() {
        String name = unique("it-stage");
        String clone = unique("it-clone");

        asAdmin().body(body(name, "test", null, 40)).post(BASE)
                .then().statusCode(201)
                .header("Location", endsWith(BASE + "/" + name))
                .body("name", equalTo(name))
                .body("enabled", equalTo(true))
                .body("protected", equalTo(false));
        asAdmin().get(BASE).then().statusCode(200)
                .body("version", equalTo(1))
                .body("environments.name", hasItem(name));
        assertError(asAdmin().body(Map.of("name", name)).post(BASE + "/validate"), 409, "NameExistsError");

        asAdmin().body(Map.of("type", "preproduction", "sortOrder", 41)).put(BASE + "/update/" + name)
                .then().statusCode(200)
                .body("type", equalTo("preproduction"))
                .body("sortOrder", equalTo(41));
        asAdmin().post(BASE + "/" + name + "/off").then().statusCode(204);
        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("enabled", equalTo(false));
        asAdmin().post(BASE + "/" + name + "/on").then().statusCode(204);

        asAdmin().body(Map.of("name", clone)).post(BASE + "/" + name + "/clone")
                .then().statusCode(201)
                .body("type", equalTo("preproduction"))
                .body("protected", equalTo(false));

        asAdmin().delete(BASE + "/" + clone).then().statusCode(200);
        asAdmin().delete(BASE + "/" + name).then().statusCode(200);
        assertError(asAdmin().get(BASE + "/" + name), 404, "NotFoundError");
        asAdmin().get(BASE).then().body("environments.name", not(hasItem(name)));
    }
}
