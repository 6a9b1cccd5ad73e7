package io.paddock.errors;

import static io.paddock.testing.Api.ADMIN;
import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ErrorModelTest {

    private static final String TOKENS = "/api/admin/api-tokens";

    @Test
    void unknownRouteAnswersNotFoundError() {
        assertError(given().get("/no/such/route"), 404, "NotFoundError");
        assertError(given().get("/q/no-such-endpoint"), 404, "NotFoundError");
        assertError(asAdmin().get("/api/admin/no-such-thing"), 404, "NotFoundError");
    }

    @Test
    void missingAuthorizationAnswersAuthenticationRequired() {
        assertError(given().get(TOKENS), 401, "AuthenticationRequired")
                .body("details", empty());
        assertError(given().header("Authorization", "  ").get(TOKENS), 401, "AuthenticationRequired");
    }

    @Test
    void unknownTokenAnswersUnauthorizedError() {
        assertError(as("*:*.not-a-token-of-this-installation").get(TOKENS), 401, "UnauthorizedError");
        assertError(as("garbage").get(TOKENS), 401, "UnauthorizedError");
        assertError(as("Bearer ").get(TOKENS), 401, "UnauthorizedError");
    }

    @Test
    void tokenOutsideItsScopeAnswersNoAccessError() {
        String orgToken = io.paddock.testing.Api.token("acme", null);
        assertError(as(orgToken).get(TOKENS), 403, "NoAccessError");
    }

    @Test
    void routeWithoutAccessRuleIsRefusedEvenToAdmins() {
        assertError(asAdmin().get("/api/test-probe/undeclared"), 403, "NoAccessError");
    }

    @Test
    void wrongMethodAnswersMethodNotAllowed() {
        assertError(asAdmin().put(TOKENS), 405, "MethodNotAllowed");
        assertError(asAdmin().patch(TOKENS + "/3f1c2d9e-0000-4000-8000-000000000000"), 405, "MethodNotAllowed");
    }

    @Test
    void bodyThatIsNotJsonAnswersContentTypeError() {
        assertError(given().header("Authorization", ADMIN).contentType(ContentType.TEXT).body("tokenName=x").post(TOKENS),
                415, "ContentTypeError")
                .body("message", containsString("application/json"));
        assertError(given().header("Authorization", ADMIN).contentType("application/xml").body("<a/>").post(TOKENS),
                415, "ContentTypeError");
    }

    @Test
    void malformedJsonAnswersValidationErrorAtTheRoot() {
        for (String body : List.of("{", "{\"tokenName\": ", "{\"tokenName\": \"x\"", "not json at all", "{'tokenName': 'x'}",
                "{\"tokenName\": \"x\"} trailing", "{\"tokenName\": \"a\", \"tokenName\": \"b\"}")) {
            Response response = asAdmin().body(body).post(TOKENS);
            assertError(response, 400, "ValidationError");
            assertThat(detailPaths(response)).as(body).containsExactly("");
        }
    }

    @Test
    void emptyBodyAndWrongRootTypeAnswerValidationError() {
        for (String body : List.of("", "   ", "[]", "\"text\"", "42", "null")) {
            Response response = asAdmin().body(body).post(TOKENS);
            assertError(response, 400, "ValidationError");
            assertThat(detailPaths(response)).as("body <%s>", body).containsExactly("");
        }
    }

    @Test
    void everyTypeProblemIsReportedAtOnceWithItsPointer() {
        Response response = asAdmin()
                .body(Map.of("tokenName", 12, "organisation", true, "environment", List.of("x"), "extra", "y"))
                .post(TOKENS);
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactlyInAnyOrder("/tokenName", "/organisation", "/environment", "/extra");
    }

    @Test
    void everyConstraintViolationIsReportedAtOnce() {
        Response response = asAdmin()
                .body(Map.of("tokenName", "", "organisation", "has space", "environment", "a/b"))
                .post(TOKENS);
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactlyInAnyOrder("/tokenName", "/organisation", "/environment");
    }

    @Test
    void bodyOverTheLimitAnswersPayloadTooLarge() {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(twoMiB, (byte) 'a');
        assertError(asAdmin().body(twoMiB).post(TOKENS), 413, "PayloadTooLarge");
    }

    @Test
    void chunkedBodyOverTheLimitAnswersPayloadTooLarge() {
        byte[] twoMiB = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(twoMiB, (byte) ' ');
        // An InputStream body is sent without Content-Length, in chunks.
        assertError(asAdmin().body(new java.io.ByteArrayInputStream(twoMiB)).post(TOKENS), 413, "PayloadTooLarge");
    }

    @Test
    void unexpectedFailureAnswersInternalErrorWithoutInternals() {
        Response response = asAdmin().get("/api/test-probe/failure");
        assertError(response, 500, "InternalError")
                .body(not(containsString("SELECT")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at io.paddock")));
    }

    @Test
    void errorIdIsInTheServerLog() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ErrorResponses.class.getName());
        logger.addHandler(capture);
        try {
            String id = given().get("/no/such/route/for/log").then().statusCode(404).extract().path("id");
            assertThat(lines).anySatisfy(line -> assertThat(line).contains(id));
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void errorsOnQuantPathsCarryQuantsErrorsBesideTheDetails() {
        String envs = "/api/v3/organizations/acme/applications/errors/environments";
        Response refused = asAdmin().body(Map.of("envName", "Bad Name", "minCapacity", -1)).post(envs);
        String envNameMessage = refused.path("details.find { it.path == '/envName' }.message");
        assertError(refused, 400, "ValidationError")
                .body("errors.'/envName'", equalTo(List.of(envNameMessage)))
                .body("errors.keySet()", containsInAnyOrder("/envName", "/composeDefinition", "/minCapacity"));
        assertError(asAdmin().get(envs + "/nowhere"), 404, "NotFoundError").body("errors", equalTo(Map.of()));
        assertError(asAdmin().get(envs.replace("/organizations/", "/organisations/") + "/nowhere"), 404, "NotFoundError")
                .body("errors", equalTo(Map.of()));
        assertError(asAdmin().get("/api/v3/organizations/acme/no-such-route"), 404, "NotFoundError")
                .body("errors", equalTo(Map.of()));
        assertError(given().get(envs), 401, "AuthenticationRequired").body("errors", equalTo(Map.of()));

        // The catalog keeps Unleash's shape, and so does every other path.
        Response catalog = asAdmin().body(Map.of("name", "has space", "type", "test")).post("/api/admin/environments");
        assertError(catalog, 400, "ValidationError").body("$", not(hasKey("errors")));
        assertError(given().get("/no/such/route"), 404, "NotFoundError").body("$", not(hasKey("errors")));
    }


    @Test
    void clientTextInErrorsIsLoggedWithoutControlCharacters() {
        assertThat(LogSafe.text("name\nFORGED 12:00 INFO admin logged in\r")).doesNotContain("\n", "\r")
                .contains("\\u000a");
        assertThat(LogSafe.text("x".repeat(1000))).hasSizeLessThan(300);
    }
}
