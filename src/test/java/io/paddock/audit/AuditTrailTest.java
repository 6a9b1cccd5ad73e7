package io.paddock.audit;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Api;
import io.paddock.provisioning.Retention;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/** The audit trail: what it records of each mutating request, who may read it, its filters, pages and retention. */
@QuarkusTest
class AuditTrailTest {

    private static final String EVENTS = "/api/admin/audit-events";

    @Inject
    AuditEvents events;
    @Inject
    Retention retention;

    @Inject
    AgroalDataSource db;

    private final String organisation = unique("audited");

    private List<Map<String, Object>> eventsOf(String query) {
        return asAdmin().get(EVENTS + query).then().statusCode(200).extract().jsonPath().getList("events");
    }

    @Test
    void recordsWhoChangedWhatAndHowItWasAnswered() {
        String tokenName = unique("ci-pipeline");
        JsonPath created = asAdmin().body(Map.of("tokenName", tokenName, "organisation", organisation))
                .post("/api/admin/api-tokens").then().statusCode(201).extract().jsonPath();
        String token = created.getString("secret");
        String tokenId = created.getString("id");
        String envs = path(organisation, unique("shop"));

        String operation = as(token).header("Idempotency-Key", "key-" + organisation)
                .body(request("dev", compose(container("web")))).post(envs).then().statusCode(201)
                .extract().header("Operation-Id");
        as(token).body(request("Not A Label", compose(container("web")))).post(envs).then().statusCode(400);
        as(token).get(envs).then().statusCode(200);

        assertThat(eventually(() -> eventsOf("?organisation=" + organisation).size() == 2)).isTrue();
        List<Map<String, Object>> recorded = eventsOf("?organisation=" + organisation);
        Map<String, Object> refused = recorded.get(0);
        Map<String, Object> create = recorded.get(1);
        assertThat(create).containsEntry("tokenId", tokenId).containsEntry("tokenName", tokenName)
                .containsEntry("organisation", organisation).containsEntry("method", "POST")
                .containsEntry("path", envs).containsEntry("status", 201)
                .containsEntry("idempotencyKey", "key-" + organisation)
                .containsEntry("operationId", operation);
        assertThat(operation).isNotNull();
        assertThat(refused).containsEntry("status", 400).containsEntry("idempotencyKey", null)
                .containsEntry("operationId", null);
        assertThat((Integer) refused.get("id")).isGreaterThan((Integer) create.get("id"));

        // The token's own creation is recorded too, without its secret anywhere in the trail.
        assertThat(eventually(() -> asAdmin().get(EVENTS + "?limit=500").asString().contains("/api/admin/api-tokens")))
                .isTrue();
        assertThat(asAdmin().get(EVENTS + "?limit=500").asString()).doesNotContain(token.substring(token.indexOf('.') + 1));
    }

    @Test
    void aRequestWithoutAValidTokenIsRecordedWithoutOne() {
        String envs = path(organisation, unique("shop"));
        as("acme:*.not-a-token").body(request("dev", compose(container("web")))).post(envs).then().statusCode(401);
        assertThat(eventually(() -> eventsOf("?organisation=" + organisation).size() == 1)).isTrue();
        assertThat(eventsOf("?organisation=" + organisation).get(0)).containsEntry("status", 401)
                .containsEntry("tokenId", null).containsEntry("tokenName", null);
    }

    @Test
    void onlyAdminTokensMayReadTheTrail() {
        assertError(as(Api.token(organisation, null)).get(EVENTS), 403, "NoAccessError");
    }

    @Test
    void pagesGoOlderWithTheSameFilters() {
        String envs = path(organisation, unique("shop"));
        for (int i = 0; i < 5; i++) {
            asAdmin().delete(envs + "/missing-" + i).then().statusCode(404);
        }
        assertThat(eventually(() -> eventsOf("?organisation=" + organisation).size() == 5)).isTrue();

        JsonPath first = asAdmin().get(EVENTS + "?organisation=" + organisation + "&limit=2").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getList("events.path")).containsExactly(envs + "/missing-4", envs + "/missing-3");
        String next = first.getString("next");
        assertThat(next).contains("organisation=" + organisation).contains("before=");
        JsonPath second = asAdmin().get(next).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("events.path")).containsExactly(envs + "/missing-2", envs + "/missing-1");
        JsonPath last = asAdmin().get(second.getString("next")).then().statusCode(200).extract().jsonPath();
        assertThat(last.getList("events.path")).containsExactly(envs + "/missing-0");
        assertThat(last.getString("next")).isNull();

        String later = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1).toString();
        assertThat(eventsOf("?organisation=" + organisation + "&since=" + later)).isEmpty();
    }

    @Test
    void refusesFiltersItCannotRead() {
        assertError(asAdmin().get(EVENTS + "?since=yesterday"), 400, "ValidationError");
        assertError(asAdmin().get(EVENTS + "?token=not-a-uuid"), 400, "ValidationError");
        assertError(asAdmin().get(EVENTS + "?limit=0"), 400, "ValidationError");
        assertError(asAdmin().get(EVENTS + "?limit=501"), 400, "ValidationError");
    }

    @Test
    void eventsOlderThanTheRetentionAreRemoved() throws Throwable {
        String old = path(organisation, "old");
        VertxContextSupport.subscribeAndAwait(() -> events.record(new AuditEvents.Entry(null, null, organisation,
                "DELETE", old, 204, null, null)));
        assertThat(eventsOf("?organisation=" + organisation)).hasSize(1);
        ageBeyondTheRetention(organisation);
        VertxContextSupport.subscribeAndAwait(() -> retention.removeOld(AuditEvents.RETAINED));
        assertThat(eventsOf("?organisation=" + organisation)).isEmpty();
    }

    /** Makes the organisation's events older than the default retention (90 days). */
    private void ageBeyondTheRetention(String org) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("UPDATE audit_event SET at = now() - interval '91 days' "
                        + "WHERE organisation = ?")) {
            q.setString(1, org);
            q.executeUpdate();
        }
    }
}
