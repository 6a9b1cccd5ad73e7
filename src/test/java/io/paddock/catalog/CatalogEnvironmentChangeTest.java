package io.paddock.catalog;

import static io.paddock.catalog.CatalogTesting.BASE;
import static io.paddock.catalog.CatalogTesting.body;
import static io.paddock.catalog.CatalogTesting.createEnvironment;
import static io.paddock.catalog.CatalogTesting.insertApplicationEnvironment;
import static io.paddock.catalog.CatalogTesting.setApplicationEnvironmentStatus;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class CatalogEnvironmentChangeTest {

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/api/admin/environments")
    URI base;

    // --- PUT /update/{name}

    @Test
    void updatesTypeAndSortOrder() {
        String name = createEnvironment("upd", "test", 10);

        asAdmin().body(Map.of("type", "preproduction", "sortOrder", 11)).put(BASE + "/update/" + name)
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("type", equalTo("preproduction"))
                .body("sortOrder", equalTo(11))
                .body("enabled", equalTo(true))
                .body("protected", equalTo(false))
                .body("projectCount", equalTo(0))
                .body("apiTokenCount", equalTo(0));
        asAdmin().body(Map.of("sortOrder", 12)).put(BASE + "/update/" + name)
                .then()
                .statusCode(200)
                .body("type", equalTo("preproduction"))
                .body("sortOrder", equalTo(12));
        asAdmin().body("{}").put(BASE + "/update/" + name)
                .then()
                .statusCode(200)
                .body("type", equalTo("preproduction"))
                .body("sortOrder", equalTo(12));
        asAdmin().get(BASE + "/" + name).then().body("type", equalTo("preproduction")).body("sortOrder", equalTo(12));
    }

    @Test
    void rejectsInvalidUpdates() {
        String name = createEnvironment("upd-bad", "test", null);
        Map<String, List<String>> cases = Map.of(
                "{\"type\":\"\"}", List.of("/type"),
                "{\"type\":\" \"}", List.of("/type"),
                "{\"sortOrder\":\"1\"}", List.of("/sortOrder"),
                "{\"sortOrder\":2.5}", List.of("/sortOrder"),
                "{\"name\":\"renamed\"}", List.of("/name"),
                "[]", List.of(""),
                "", List.of(""));
        cases.forEach((sent, paths) -> {
            Response response = asAdmin().body(sent).put(BASE + "/update/" + name);
            assertError(response, 400, "ValidationError");
            assertEquals(paths, detailPaths(response), "body: " + sent);
        });
        asAdmin().get(BASE + "/" + name).then().body("type", equalTo("test"));
    }

    @Test
    void answersNotFoundWhenUpdatingUnknownEnvironment() {
        assertError(asAdmin().body(Map.of("type", "test")).put(BASE + "/update/" + Api.unique("nope")),
                404, "NotFoundError");
    }

    // --- DELETE /{name}

    @Test
    void deletesEnvironment() {
        String name = createEnvironment("del", "test", null);

        asAdmin().delete(BASE + "/" + name).then().statusCode(200);

        assertError(asAdmin().get(BASE + "/" + name), 404, "NotFoundError");
        assertError(asAdmin().delete(BASE + "/" + name), 404, "NotFoundError");
    }

    @Test
    void refusesToDeleteProtectedEnvironment() {
        assertError(asAdmin().delete(BASE + "/production"), 409, "ProtectedEnvironmentError")
                .body("message", containsString("protected"));
        asAdmin().get(BASE + "/production").then().statusCode(200);
    }

    @Test
    void refusesToDeleteEnvironmentInUseUntilItsApplicationEnvironmentsAreGone() throws Exception {
        String name = createEnvironment("used", "test", null);
        insertApplicationEnvironment(dataSource, Api.unique("org"), "shop", name, "ACTIVE");

        assertError(asAdmin().delete(BASE + "/" + name), 409, "EnvironmentInUseError")
                .body("message", containsString("1 application"));
        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("projectCount", equalTo(1));

        setApplicationEnvironmentStatus(dataSource, name, "DELETING");
        asAdmin().delete(BASE + "/" + name).then().statusCode(200);
    }

    @Test
    void deletesEnvironmentWhoseApplicationEnvironmentsFailed() throws Exception {
        String name = createEnvironment("failed", "test", null);
        insertApplicationEnvironment(dataSource, Api.unique("org"), "shop", name, "FAILED");

        asAdmin().delete(BASE + "/" + name).then().statusCode(200);
    }

    // --- POST /{name}/on and /off

    @Test
    void turnsEnvironmentOffAndOnWithAnyOrNoBody() throws Exception {
        String name = createEnvironment("toggle", "test", null);

        asAdmin().post(BASE + "/" + name + "/off").then().statusCode(204).body(emptyString());
        asAdmin().get(BASE + "/" + name).then().body("enabled", equalTo(false));
        given().header("Authorization", Api.ADMIN).contentType("text/plain").body("anything")
                .post(BASE + "/" + name + "/on").then().statusCode(204);
        asAdmin().get(BASE + "/" + name).then().body("enabled", equalTo(true));
        asAdmin().body("not json at all").post(BASE + "/" + name + "/off").then().statusCode(204);
        asAdmin().get(BASE + "/" + name).then().body("enabled", equalTo(false));

        HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/" + name + "/on"))
                .header("Authorization", Api.ADMIN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, bare.statusCode(), bare.body());
        asAdmin().get(BASE + "/" + name).then().body("enabled", equalTo(true));
    }

    @Test
    void answersNotFoundWhenTogglingUnknownEnvironment() {
        assertError(asAdmin().post(BASE + "/" + Api.unique("nope") + "/on"), 404, "NotFoundError");
        assertError(asAdmin().post(BASE + "/" + Api.unique("nope") + "/off"), 404, "NotFoundError");
    }

    // --- PUT /sort-order

    @Test
    void setsSortOrderOfSeveralEnvironments() {
        String a = createEnvironment("so-a", "test", 500);
        String b = createEnvironment("so-b", "test", 501);

        asAdmin().body(Map.of(a, 601, b, 600)).put(BASE + "/sort-order").then().statusCode(200);

        asAdmin().get(BASE + "/" + a).then().body("sortOrder", equalTo(601));
        asAdmin().get(BASE + "/" + b).then().body("sortOrder", equalTo(600));
        List<String> names = asAdmin().get(BASE).then().extract().jsonPath().getList("environments.name");
        assertEquals(List.of(b, a), names.stream().filter(n -> n.equals(a) || n.equals(b)).toList());
        asAdmin().body("{}").put(BASE + "/sort-order").then().statusCode(200);
    }

    @Test
    void changesNoSortOrderWhenOneNameIsUnknown() {
        String a = createEnvironment("so-known", "test", 510);
        String unknown = Api.unique("so-unknown");

        assertError(asAdmin().body(Map.of(a, 1, unknown, 2)).put(BASE + "/sort-order"), 404, "NotFoundError")
                .body("message", containsString(unknown));

        asAdmin().get(BASE + "/" + a).then().body("sortOrder", equalTo(510));
    }

    @Test
    void rejectsSortOrderValuesThatAreNotIntegers() {
        String a = createEnvironment("so-int", "test", 520);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"" + a + "\":\"1\"}", "/" + a);
        cases.put("{\"" + a + "\":1.5}", "/" + a);
        cases.put("{\"" + a + "\":null}", "/" + a);
        cases.put("{\"" + a + "\":{}}", "/" + a);
        cases.put("{\"a/b\":true}", "/a~1b");
        cases.put("[]", "");
        cases.put("", "");
        cases.forEach((sent, path) -> {
            Response response = asAdmin().body(sent).put(BASE + "/sort-order");
            assertError(response, 400, "ValidationError");
            assertEquals(List.of(path), detailPaths(response), "body: " + sent);
        });
        asAdmin().get(BASE + "/" + a).then().body("sortOrder", equalTo(520));
    }

    @Test
    void concurrentSortOrderChangesEndInOneOfTheSerialOrders() throws Exception {
        String a = createEnvironment("conc-a", "test", 1);
        String b = createEnvironment("conc-b", "test", 2);
        String c = createEnvironment("conc-c", "test", 3);
        Map<String, Integer> first = Map.of(a, 10, b, 20, c, 30);
        Map<String, Integer> second = Map.of(c, 11, b, 21, a, 31);

        for (int round = 0; round < 10; round++) {
            List<CompletableFuture<Integer>> requests = new ArrayList<>();
            for (Map<String, Integer> order : List.of(first, second, first, second)) {
                requests.add(CompletableFuture.supplyAsync(
                        () -> asAdmin().body(order).put(BASE + "/sort-order").statusCode()));
            }
            for (CompletableFuture<Integer> request : requests) {
                assertEquals(200, request.get());
            }
            Map<String, Integer> now = new LinkedHashMap<>();
            for (String name : List.of(a, b, c)) {
                now.put(name, asAdmin().get(BASE + "/" + name).then().extract().path("sortOrder"));
            }
            assertThat(now, oneOf(first, second));
        }
    }

    @Test
    void sortOrderChangeDoesNotUndoAConcurrentToggle() throws Exception {
        String name = createEnvironment("lost-so", "test", 40);
        assertChangeKeepsConcurrentToggle(name,
                () -> asAdmin().body(Map.of(name, 41)).put(BASE + "/sort-order").statusCode());
        asAdmin().get(BASE + "/" + name).then().body("sortOrder", equalTo(41));
    }

    @Test
    void updateDoesNotUndoAConcurrentToggle() throws Exception {
        String name = createEnvironment("lost-upd", "test", 50);
        assertChangeKeepsConcurrentToggle(name,
                () -> asAdmin().body(Map.of("sortOrder", 51)).put(BASE + "/update/" + name).statusCode());
        asAdmin().get(BASE + "/" + name).then().body("sortOrder", equalTo(51));
    }

    /**
     * Disables the environment in a transaction that stays open while the change is sent, then commits. A
     * change that read the row without locking it would write the old enabled flag back.
     */
    private void assertChangeKeepsConcurrentToggle(String name, java.util.function.Supplier<Integer> change)
            throws Exception {
        CompletableFuture<Integer> sent;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement off = connection.prepareStatement(
                    "UPDATE catalog_environment SET enabled = false WHERE name = ?")) {
                off.setString(1, name);
                assertEquals(1, off.executeUpdate());
            }
            sent = CompletableFuture.supplyAsync(change);
            Thread.sleep(500);
            connection.commit();
        }
        assertEquals(200, sent.get(30, TimeUnit.SECONDS));
        asAdmin().get(BASE + "/" + name).then().body("enabled", equalTo(false));
    }

    // --- POST /validate

    @Test
    void validatesNames() {
        asAdmin().body(Map.of("name", Api.unique("free"))).post(BASE + "/validate").then().statusCode(200);
        assertError(asAdmin().body(Map.of("name", "production")).post(BASE + "/validate"), 409, "NameExistsError");
        for (String sent : List.of("{\"name\":\"a b\"}", "{\"name\":\"a/b\"}", "{}", "{\"name\":\"x\",\"type\":\"test\"}",
                "{\"name\":\"" + "v".repeat(101) + "\"}", "{\"name\":\"..\"}")) {
            Response response = asAdmin().body(sent).post(BASE + "/validate");
            assertError(response, 400, "ValidationError");
            assertEquals(1, detailPaths(response).size(), "body: " + sent);
        }
    }

    // --- POST /{name}/clone

    @Test
    void clonesEnvironment() {
        String source = createEnvironment("src", "preproduction", 800);
        asAdmin().post(BASE + "/" + source + "/off").then().statusCode(204);
        String copy = Api.unique("copy");

        Response response = asAdmin().body(Map.of("name", copy)).post(BASE + "/" + source + "/clone");

        response.then()
                .statusCode(201)
                .body("name", equalTo(copy))
                .body("type", equalTo("preproduction"))
                .body("enabled", equalTo(false))
                .body("protected", equalTo(false))
                .body("projectCount", equalTo(0));
        assertEquals("/api/admin/environments/" + copy, URI.create(response.header("Location")).getRawPath());
        asAdmin().get(BASE + "/" + copy).then().statusCode(200);
        asAdmin().get(BASE + "/" + source).then().statusCode(200).body("type", equalTo("preproduction"));
    }

    @Test
    void clonesProtectedEnvironmentAsUnprotectedWithGivenTypeAndSortOrder() {
        String copy = Api.unique("prod-copy");

        asAdmin().body(Map.of("name", copy, "type", "test", "sortOrder", 9)).post(BASE + "/production/clone")
                .then()
                .statusCode(201)
                .body("type", equalTo("test"))
                .body("enabled", equalTo(true))
                .body("protected", equalTo(false))
                .body("sortOrder", equalTo(9));
        asAdmin().delete(BASE + "/" + copy).then().statusCode(200);
    }

    @Test
    void refusesCloneOfUnknownSourceOrToTakenName() {
        String source = createEnvironment("src2", "test", null);
        assertError(asAdmin().body(Map.of("name", Api.unique("copy"))).post(BASE + "/" + Api.unique("nope") + "/clone"),
                404, "NotFoundError");
        assertError(asAdmin().body(Map.of("name", "development")).post(BASE + "/" + source + "/clone"),
                409, "NameExistsError");
        assertError(asAdmin().body(Map.of("name", source)).post(BASE + "/" + source + "/clone"),
                409, "NameExistsError");
        Response invalid = asAdmin().body("{\"name\":\"a b\",\"type\":\"\",\"enabled\":true}")
                .post(BASE + "/" + source + "/clone");
        assertError(invalid, 400, "ValidationError");
        assertEquals(List.of("/enabled"), detailPaths(invalid));
        Response invalidValues = asAdmin().body("{\"name\":\"a b\",\"type\":\"\"}").post(BASE + "/" + source + "/clone");
        assertError(invalidValues, 400, "ValidationError");
        assertEquals(List.of("/name", "/type"), detailPaths(invalidValues));
    }

    // --- routing: literal paths win over /{name}

    @Test
    void literalPathsAreNotShadowedByEnvironmentNames() {
        for (String name : List.of("validate", "sort-order", "update", "clone")) {
            asAdmin().body(body(name, "test", null, 900)).post(BASE).then().statusCode(oneOf(201, 409));
            asAdmin().get(BASE + "/" + name).then().statusCode(200).body("name", equalTo(name));
        }
        try {
            asAdmin().body(Map.of("name", Api.unique("free"))).post(BASE + "/validate")
                    .then().statusCode(200).body(emptyString());
            assertError(asAdmin().body(Map.of("name", "validate")).post(BASE + "/validate"), 409, "NameExistsError");

            asAdmin().body(Map.of("sort-order", 901, "update", 902)).put(BASE + "/sort-order").then().statusCode(200);
            asAdmin().get(BASE + "/sort-order").then().body("sortOrder", equalTo(901));

            asAdmin().body(Map.of("type", "canary")).put(BASE + "/update/update")
                    .then().statusCode(200).body("name", equalTo("update")).body("type", equalTo("canary"))
                    .body("sortOrder", equalTo(902));
            asAdmin().body(Map.of("type", "canary2")).put(BASE + "/update/sort-order")
                    .then().statusCode(200).body("name", equalTo("sort-order"));

            String copy = Api.unique("clone-copy");
            asAdmin().body(Map.of("name", copy)).post(BASE + "/clone/clone").then().statusCode(201)
                    .body("name", equalTo(copy));
            asAdmin().delete(BASE + "/" + copy).then().statusCode(200);
        } finally {
            for (String name : List.of("validate", "sort-order", "update", "clone")) {
                asAdmin().delete(BASE + "/" + name).then().statusCode(200);
            }
        }
    }

    @Test
    void namesWithUnreservedCharactersWorkInEveryPath() {
        String name = Api.unique("a~b.c_d");
        asAdmin().body(body(name, "test", null, null)).post(BASE).then().statusCode(201);
        asAdmin().get(BASE + "/" + name).then().statusCode(200).body("name", equalTo(name));
        asAdmin().post(BASE + "/" + name + "/off").then().statusCode(204);
        asAdmin().body(Map.of("sortOrder", 3)).put(BASE + "/update/" + name).then().statusCode(200);
        asAdmin().body(Map.of(name, 4)).put(BASE + "/sort-order").then().statusCode(200);
        asAdmin().get(BASE + "/" + name).then().body("sortOrder", equalTo(4)).body("enabled", equalTo(false));
        asAdmin().delete(BASE + "/" + name).then().statusCode(200);
    }

    // --- access

    @Test
    void refusesEveryWriteToNonAdminTokens() {
        String name = createEnvironment("locked", "test", null);
        for (String token : List.of(Api.token("acme", null), Api.token("acme", name))) {
            assertError(Api.as(token).body(body(Api.unique("x"), "test", null, null)).post(BASE), 403, "NoAccessError");
            assertError(Api.as(token).body(Map.of("type", "production")).put(BASE + "/update/" + name), 403, "NoAccessError");
            assertError(Api.as(token).delete(BASE + "/" + name), 403, "NoAccessError");
            assertError(Api.as(token).post(BASE + "/" + name + "/on"), 403, "NoAccessError");
            assertError(Api.as(token).post(BASE + "/" + name + "/off"), 403, "NoAccessError");
            assertError(Api.as(token).body(Map.of(name, 1)).put(BASE + "/sort-order"), 403, "NoAccessError");
            assertError(Api.as(token).body(Map.of("name", Api.unique("v"))).post(BASE + "/validate"), 403, "NoAccessError");
            assertError(Api.as(token).body(Map.of("name", Api.unique("c"))).post(BASE + "/" + name + "/clone"),
                    403, "NoAccessError");
        }
        asAdmin().get(BASE + "/" + name)
                .then()
                .statusCode(200)
                .body("type", equalTo("test"))
                .body("enabled", equalTo(true));
    }
}
