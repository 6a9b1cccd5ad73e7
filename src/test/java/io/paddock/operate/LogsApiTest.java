package io.paddock.operate;

import static io.paddock.testing.Api.as;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.token;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** An environment's logs with the local provider: what its simulated tasks write, paged and filtered. */
@QuarkusTest
class LogsApiTest {

    private final String app = unique("shop");

    @jakarta.inject.Inject
    LogEvents db;

    private String logs() {
        return path("acme", app) + "/staging/logs";
    }

    @BeforeEach
    void createEnvironment() {
        Map<String, Object> worker = container("worker");
        worker.put("essential", false);
        asAdmin().body(request("staging", compose(container("web"), worker))).post(path("acme", app))
                .then().statusCode(201);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Response response) {
        return response.then().statusCode(200).extract().path("logEvents");
    }

    @Test
    void answersWhatTheEnvironmentsTasksWroteWhenTheyStarted() {
        List<Map<String, Object>> events = events(asAdmin().get(logs()));

        assertThat(events).hasSize(2);
        assertThat(events).extracting(event -> (String) event.get("message"))
                .anySatisfy(message -> assertThat(message).contains("container web started"))
                .anySatisfy(message -> assertThat(message).contains("container worker started"));
        assertThat(events).allSatisfy(event -> assertThat(((Number) event.get("timestamp")).longValue())
                .isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis()));
        assertThat(asAdmin().get(logs()).then().extract().<Object>path("nextToken")).isNull();
    }

    @Test
    void narrowsToOneContainerAndToAPattern() {
        List<Map<String, Object>> web = events(asAdmin().queryParam("containerName", "web").get(logs()));
        assertThat(web).singleElement().satisfies(event -> {
            assertThat((String) event.get("message")).contains("container web started");
            assertThat((String) event.get("logStreamName")).startsWith("web/web/");
        });

        assertThat(events(asAdmin().queryParam("filterPattern", "worker").get(logs()))).hasSize(1);
        assertThat(events(asAdmin().queryParam("filterPattern", "\"container web\" -worker").get(logs()))).hasSize(1);
        assertThat(events(asAdmin().queryParam("filterPattern", "?web ?worker").get(logs()))).hasSize(2);
        assertThat(events(asAdmin().queryParam("filterPattern", "nothing-writes-this").get(logs()))).isEmpty();
    }

    @Test
    void pagesWithNextTokenUntilTheLastPage() {
        Response first = asAdmin().queryParam("limit", 1).get(logs());
        List<Map<String, Object>> page1 = events(first);
        String token = first.path("nextToken");
        assertThat(page1).hasSize(1);
        assertThat(token).isNotBlank();

        Response second = asAdmin().queryParam("limit", 1).queryParam("nextToken", token).get(logs());
        List<Map<String, Object>> page2 = events(second);
        assertThat(page2).hasSize(1);
        assertThat(page2.get(0).get("message")).isNotEqualTo(page1.get(0).get("message"));
        assertThat(second.<Object>path("nextToken")).isNull();
    }

    @Test
    void readsOnlyTheTimeRangeAsked() {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        assertThat(events(asAdmin().queryParam("startTime", hourAgo - 3_600_000).queryParam("endTime", hourAgo)
                .get(logs()))).isEmpty();
        assertThat(events(asAdmin().queryParam("startTime", Instant.ofEpochMilli(hourAgo).toString()).get(logs())))
                .hasSize(2);
        assertThat(events(asAdmin().queryParam("startTime", hourAgo / 1000).get(logs()))).hasSize(2);
    }

    @Test
    void refusesBadParametersNamingEach() {
        long now = System.currentTimeMillis();
        Response inverted = asAdmin().queryParam("startTime", now).queryParam("endTime", now - 1000).get(logs());
        assertError(inverted, 422, "ValidationError");
        assertThat(detailPaths(inverted)).containsExactly("startTime");

        Response tooWide = asAdmin().queryParam("startTime", now - 30L * 86_400_000).queryParam("endTime", now)
                .get(logs());
        assertError(tooWide, 422, "ValidationError");
        assertThat(detailPaths(tooWide)).containsExactly("startTime");

        for (String limit : List.of("0", "10001", "ten", "-1")) {
            Response response = asAdmin().queryParam("limit", limit).get(logs());
            assertError(response, 422, "ValidationError");
            assertThat(detailPaths(response)).containsExactly("limit");
        }

        Response container = asAdmin().queryParam("containerName", "db").get(logs());
        assertError(container, 422, "ValidationError");
        assertThat(detailPaths(container)).containsExactly("containerName");

        Response token = asAdmin().queryParam("nextToken", "not-a-token").get(logs());
        assertError(token, 422, "ValidationError");
        assertThat(detailPaths(token)).containsExactly("nextToken");

        Response time = asAdmin().queryParam("startTime", "yesterday").queryParam("limit", 0).get(logs());
        assertError(time, 422, "ValidationError");
        assertThat(detailPaths(time)).containsExactlyInAnyOrder("startTime", "limit");
    }

    @Test
    void anEnvironmentsEventsGoWithItsLogGroup() {
        String group = "/paddock/" + asAdmin().get(path("acme", app) + "/staging").then().statusCode(200).extract()
                .<String>path("service.name");
        assertThat(db.count(group)).isEqualTo(2);

        asAdmin().delete(path("acme", app) + "/staging").then().statusCode(204);

        assertThat(io.paddock.testing.Environments.eventually(() -> db.count(group) == 0)).isTrue();
    }

    @Test
    void answersNotFoundForAnUnknownEnvironmentAndRefusesAnotherOrganisationsToken() {
        assertError(asAdmin().get(path("acme", app) + "/nowhere/logs"), 404, "NotFoundError");
        assertError(as(token("other-org", null)).get(logs()), 403, "NoAccessError");
    }
}
