package io.paddock.operate;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** An environment's metrics with the local provider: computed from its simulated tasks over time. */
@QuarkusTest
class MetricsApiTest {

    private final String app = unique("shop");
    private String environmentId;

    private String metrics() {
        return path("acme", app) + "/staging/metrics";
    }

    @BeforeEach
    void createEnvironment() {
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        environmentId = asAdmin().body(request("staging", compose(web))).post(path("acme", app))
                .then().statusCode(201).extract().path("id");
    }

    @SuppressWarnings("unchecked")
    private static List<Double> values(Response response, String id) {
        List<Map<String, Object>> metrics = response.then().statusCode(200).extract().path("metrics");
        return metrics.stream().filter(m -> m.get("id").equals(id)).findFirst()
                .map(m -> ((List<Map<String, Object>>) m.get("datapoints")).stream()
                        .map(p -> ((Number) p.get("value")).doubleValue()).toList())
                .orElseThrow(() -> new AssertionError("no series " + id));
    }

    @Test
    void answersTheServicesUtilisationAndItsTargetGroupsRequests() {
        Response response = asAdmin().get(metrics());

        assertThat(response.<List<String>>path("metrics.id"))
                .containsExactly("cpu_average", "memory_average", "requests_sum", "response_time_average");
        assertThat(response.<Integer>path("period")).isEqualTo(60);
        assertThat(response.<List<String>>path("metrics.namespace"))
                .containsExactly("AWS/ECS", "AWS/ECS", "AWS/ApplicationELB", "AWS/ApplicationELB");
        assertThat(values(response, "cpu_average")).isNotEmpty().allSatisfy(v -> assertThat(v).isBetween(4.0, 14.0));
        assertThat(values(response, "memory_average")).isNotEmpty().allSatisfy(v -> assertThat(v).isBetween(18.0, 24.0));
        assertThat(values(response, "requests_sum")).isNotEmpty().allSatisfy(v -> assertThat(v).isBetween(20.0, 60.0));
        long end = response.path("endTime");
        long start = response.path("startTime");
        assertThat(end - start).isEqualTo(3_600_000);
    }

    @Test
    void aRunningCommandLoadsTheService() {
        double before = values(asAdmin().get(metrics()), "cpu_average").getLast();
        asAdmin().body(Map.of("command", "sleep 120"))
                .post("/api/v3/organizations/acme/environments/" + environmentId + "/commands").then().statusCode(200);

        assertThat(eventually(() -> values(asAdmin().get(metrics()), "cpu_average").getLast() >= 32))
                .as("CPU rises while the command runs (it was %s)", before).isTrue();
        assertThat(before).isLessThan(32);
    }

    @Test
    void answersEachStatisticAsked() {
        Response response = asAdmin().queryParam("statistics", "Maximum,Minimum,SampleCount").queryParam("period", 300)
                .get(metrics());

        assertThat(response.<List<String>>path("metrics.id")).startsWith("cpu_maximum", "cpu_minimum", "cpu_samplecount");
        assertThat(values(response, "cpu_maximum").getLast()).isGreaterThan(values(response, "cpu_minimum").getLast());
        assertThat(values(response, "cpu_samplecount")).allSatisfy(v -> assertThat(v).isEqualTo(5.0));
    }

    @Test
    void anEnvironmentWithoutAPortHasNoRequestSeries() {
        String other = unique("api");
        asAdmin().body(request("staging", compose(container("worker")))).post(path("acme", other)).then().statusCode(201);

        assertThat(asAdmin().get(path("acme", other) + "/staging/metrics").then().statusCode(200).extract()
                .<List<String>>path("metrics.id")).containsExactly("cpu_average", "memory_average");
    }

    @Test
    void refusesBadParametersNamingEach() {
        long now = System.currentTimeMillis();
        Map<String, Map<String, Object>> cases = Map.of(
                "period", Map.of("period", 90),
                "statistics", Map.of("statistics", "Average,Median"),
                "containerName", Map.of("containerName", "db"),
                "endTime", Map.of("endTime", "2026-12-02T10:00:00Z"));
        cases.forEach((parameter, query) -> {
            Response response = asAdmin().queryParams(query).get(metrics());
            assertError(response, 422, "ValidationError");
            assertThat(detailPaths(response)).as(query.toString()).containsExactly(parameter);
        });
        Response inverted = asAdmin().queryParam("startTime", now).queryParam("endTime", now - 60_000).get(metrics());
        assertThat(detailPaths(inverted)).containsExactly("startTime");
        Response tooWide = asAdmin().queryParam("startTime", now - 20L * 86_400_000).get(metrics());
        assertThat(detailPaths(tooWide)).containsExactly("startTime");
        Response tooMany = asAdmin().queryParam("startTime", now - 2L * 86_400_000).queryParam("period", 60).get(metrics());
        assertThat(detailPaths(tooMany)).containsExactly("period");
        assertThat(asAdmin().queryParam("startTime", now - 2L * 86_400_000).get(metrics()).then().statusCode(200)
                .extract().<Integer>path("period")).isEqualTo(180);
    }
}
