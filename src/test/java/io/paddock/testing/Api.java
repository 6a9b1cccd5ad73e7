package io.paddock.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** REST Assured helpers shared by Paddock's HTTP tests. */
public final class Api {

    /** The admin token the test profile creates at start-up. */
    public static final String ADMIN = "*:*.paddock-test-admin-secret-0001";

    private static final String UUID_PATTERN = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private Api() {
    }

    public static RequestSpecification asAdmin() {
        return as(ADMIN);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", token).contentType(ContentType.JSON);
    }

    /** Creates a token through the admin API and returns its full text. */
    public static String token(String organisation, String environment) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("tokenName", "test-" + UUID.randomUUID());
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        if (environment != null) {
            body.put("environment", environment);
        }
        return asAdmin().body(body).post("/api/admin/api-tokens")
                .then().statusCode(201)
                .extract().path("secret");
    }

    /** A name nobody else in the test run uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Asserts the one error body: JSON, a fresh UUID id, the name, a message and a details array. */
    public static ValidatableResponse assertError(Response response, int status, String name) {
        return response.then()
                .statusCode(status)
                .contentType(ContentType.JSON)
                .body("id", matchesPattern(UUID_PATTERN))
                .body("name", equalTo(name))
                .body("message", not(emptyOrNullString()))
                .body("details", instanceOf(List.class));
    }

    /** The JSON pointers named by an error body's details. */
    public static List<String> detailPaths(Response response) {
        return response.then().extract().jsonPath().getList("details.path", String.class);
    }
}
