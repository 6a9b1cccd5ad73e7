package io.paddock.auth;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ApiTokenTest {

    private static final String TOKENS = "/api/admin/api-tokens";

    @Inject
    AgroalDataSource db;

    @Inject
    ApiTokenCache cache;

    @Test
    void createsTokensOfEachScopeAndShowsTheSecretOnce() {
        Response admin = asAdmin().body(Map.of("tokenName", unique("admin"))).post(TOKENS);
        admin.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/admin/api-tokens/[0-9a-f-]{36}$"))
                .body("type", equalTo("admin"))
                .body("secret", matchesPattern("^\\*:\\*\\.[0-9a-f]{64}$"));
        asAdmin().body(Map.of("tokenName", unique("org"), "organisation", "acme")).post(TOKENS)
                .then().statusCode(201)
                .body("type", equalTo("organisation"))
                .body("secret", matchesPattern("^acme:\\*\\.[0-9a-f]{64}$"));
        Response env = asAdmin().body(Map.of("tokenName", unique("env"), "organisation", "acme", "environment", "dev"))
                .post(TOKENS);
        env.then().statusCode(201)
                .body("type", equalTo("environment"))
                .body("organisation", equalTo("acme"))
                .body("environment", equalTo("dev"))
                .body("secret", matchesPattern("^acme:dev\\.[0-9a-f]{64}$"));

        String secret = env.path("secret");
        asAdmin().get(TOKENS).then().statusCode(200)
                .body("tokens.id", org.hamcrest.Matchers.hasItem(env.path("id").toString()))
                .body(not(containsString(secret.substring(secret.indexOf('.') + 1))))
                .body("tokens[0].secret", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void tokenTableHoldsNoPlaintextSecret() throws Exception {
        Response created = asAdmin().body(Map.of("tokenName", unique("stored"), "organisation", "acme")).post(TOKENS);
        String token = created.path("secret");
        String secretPart = token.substring(token.indexOf('.') + 1);
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT t::text, secret_hash FROM api_token t WHERE id = ?")) {
            q.setObject(1, UUID.fromString(created.path("id")));
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).doesNotContain(secretPart);
                byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
                assertThat(rs.getBytes(2)).isEqualTo(expected);
            }
        }
    }

    @Test
    void bearerPrefixIsAccepted() {
        String token = Api.token("acme", null);
        as("Bearer " + token).get("/api/test-probe/organizations/acme").then().statusCode(200);
        as("bearer " + token).get("/api/test-probe/organizations/acme").then().statusCode(200);
    }

    @Test
    void adminTokenMayUseEveryOrganisation() {
        asAdmin().get("/api/test-probe/organizations/acme/environments/prod").then().statusCode(200);
        asAdmin().get(TOKENS).then().statusCode(200);
    }

    @Test
    void organisationTokenMayUseOnlyItsOrganisation() {
        String token = Api.token("acme", null);
        as(token).get("/api/test-probe/organizations/acme").then().statusCode(200);
        as(token).get("/api/test-probe/organizations/acme/environments/anything").then().statusCode(200);
        assertError(as(token).get("/api/test-probe/organizations/globex"), 403, "NoAccessError");
        assertError(as(token).get("/api/test-probe/organizations/globex/environments/dev"), 403, "NoAccessError");
        assertError(as(token).get(TOKENS), 403, "NoAccessError");
        assertError(as(token).body(Map.of("tokenName", "x")).post(TOKENS), 403, "NoAccessError");
    }

    @Test
    void environmentTokenMayUseOnlyItsEnvironment() {
        String token = Api.token("acme", "ci");
        as(token).get("/api/test-probe/organizations/acme/environments/ci").then().statusCode(200);
        assertError(as(token).get("/api/test-probe/organizations/acme/environments/prod"), 403, "NoAccessError");
        assertError(as(token).get("/api/test-probe/organizations/globex/environments/ci"), 403, "NoAccessError");
        assertError(as(token).get(TOKENS), 403, "NoAccessError");
    }

    @Test
    void deletedTokenIsRefusedOnTheVeryNextRequest() {
        Response created = asAdmin().body(Map.of("tokenName", unique("revoke"), "organisation", "acme")).post(TOKENS);
        String token = created.path("secret");
        as(token).get("/api/test-probe/organizations/acme").then().statusCode(200);

        asAdmin().delete(TOKENS + "/" + created.path("id")).then().statusCode(204);

        assertError(as(token).get("/api/test-probe/organizations/acme"), 401, "UnauthorizedError");
        assertError(asAdmin().delete(TOKENS + "/" + created.path("id")), 404, "NotFoundError");
    }

    @Test
    void deletedTokenIsRefusedOnTheNextRequestEvenWhenCached() throws InterruptedException {
        awaitListening();
        Response created = asAdmin().body(Map.of("tokenName", unique("cached"), "organisation", "acme")).post(TOKENS);
        String token = created.path("secret");
        as(token).get("/api/test-probe/organizations/acme").then().statusCode(200);
        as(token).get("/api/test-probe/organizations/acme").then().statusCode(200);
        assertThat(cache.get(TokenHash.sha256(token))).as("the token is answered from the cache").isNotNull();

        asAdmin().delete(TOKENS + "/" + created.path("id")).then().statusCode(204);

        assertError(as(token).get("/api/test-probe/organizations/acme"), 401, "UnauthorizedError");
    }

    @Test
    void tokenDeletedByAnotherConnectionLeavesTheCacheAtOnce() throws Exception {
        awaitListening();
        Response created = asAdmin().body(Map.of("tokenName", unique("elsewhere"), "organisation", "acme")).post(TOKENS);
        String token = created.path("secret");
        as(token).get("/api/test-probe/organizations/acme").then().statusCode(200);
        as(token).get("/api/test-probe/organizations/acme").then().statusCode(200);
        byte[] hash = TokenHash.sha256(token);
        assertThat(cache.get(hash)).as("the token is answered from the cache").isNotNull();

        // What another replica's delete looks like from here: a commit on a connection of its own.
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("DELETE FROM api_token WHERE id = ?")) {
            q.setObject(1, UUID.fromString(created.path("id")));
            assertThat(q.executeUpdate()).isEqualTo(1);
        }

        // The notification arrives milliseconds after the commit; the cache would otherwise keep the token for
        // ApiTokenCache.MAX_AGE (10 s).
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (cache.get(hash) != null && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cache.get(hash)).as("the cache forgot the token deleted elsewhere").isNull();
        assertError(as(token).get("/api/test-probe/organizations/acme"), 401, "UnauthorizedError");
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cache.isListening() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(cache.isListening()).as("the token cache listens for changes").isTrue();
    }

    @Test
    void environmentScopeNeedsAnOrganisation() {
        Response response = asAdmin().body(Map.of("tokenName", "x", "environment", "dev")).post(TOKENS);
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactly("/organisation");
    }

    @Test
    void scopeValuesMustBeNames() {
        Response response = asAdmin().body(Map.of("tokenName", "x", "organisation", "*", "environment", "a.b")).post(TOKENS);
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactlyInAnyOrder("/organisation", "/environment");
    }

    @Test
    void tokenWithForgedScopeIsRefused() {
        String token = Api.token("acme", "ci");
        String forged = "*:*" + token.substring(token.indexOf('.'));
        assertError(as(forged).get(TOKENS), 401, "UnauthorizedError");
    }
}
