package io.paddock.operate;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** An environment's logs with the aws provider: FilterLogEvents on its log group, over CloudWatch Logs' JSON 1.1. */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class LogsAwsTest {

    AwsDouble aws;
    BlockedThreads blocked;

    private final String app = unique("shop");
    private String group;

    private String logs() {
        return path("acme", app) + "/staging/logs";
    }

    @BeforeEach
    void createEnvironment() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        blocked = BlockedThreads.listen();
        Map<String, Object> worker = container("worker");
        worker.put("essential", false);
        String service = asAdmin().body(request("staging", compose(container("web"), worker))).post(path("acme", app))
                .then().statusCode(201).extract().path("service.name");
        group = "/paddock/" + service;
        long now = System.currentTimeMillis();
        aws.putLogEvent(group, "web/web/0123456789abcdef", now - 3000, "GET / 200");
        aws.putLogEvent(group, "worker/worker/0123456789abcdef", now - 2000, "job done");
        aws.putLogEvent(group, "web/web/0123456789abcdef", now - 1000, "GET /health 200");
        // The first read of an environment on a fresh start loads Hibernate's classes on the event loop: not the
        // logs call's doing, so it is done before the check starts.
        asAdmin().get(path("acme", app) + "/staging").then().statusCode(200);
        aws.reset();
        blocked.clear();
    }

    @AfterEach
    void noEventLoopWasBlocked() {
        aws.reset();
        assertThat(blocked.warnings()).as("Vert.x reported a blocked thread").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<String> messages(Response response) {
        return response.then().statusCode(200).extract().path("logEvents.message");
    }

    @Test
    void filtersTheEnvironmentsLogGroupWithTheQuery() {
        long start = System.currentTimeMillis() - 60_000;
        Response response = asAdmin().queryParam("startTime", start).queryParam("containerName", "web")
                .queryParam("filterPattern", "GET").queryParam("limit", 50).get(logs());

        assertThat(messages(response)).containsExactly("GET / 200", "GET /health 200");
        assertThat(response.<String>path("logEvents[0].logStreamName")).isEqualTo("web/web/0123456789abcdef");
        JsonNode sent = aws.requests("FilterLogEvents").get(0).body();
        assertThat(sent.path("logGroupName").asText()).isEqualTo(group);
        assertThat(sent.path("logStreamNamePrefix").asText()).isEqualTo("web/web/");
        assertThat(sent.path("filterPattern").asText()).isEqualTo("GET");
        assertThat(sent.path("limit").asInt()).isEqualTo(50);
        assertThat(sent.path("startTime").asLong()).isEqualTo(start);
        assertThat(sent.path("endTime").asLong()).isBetween(start, System.currentTimeMillis());
    }

    @Test
    void pagesThroughTheProvidersTokensAndKeepsTheFirstPagesTimeRange() {
        Response first = asAdmin().queryParam("limit", 2).get(logs());
        assertThat(messages(first)).containsExactly("GET / 200", "job done");
        String token = first.path("nextToken");

        Response second = asAdmin().queryParam("limit", 2).queryParam("nextToken", token).get(logs());
        assertThat(messages(second)).containsExactly("GET /health 200");
        assertThat(second.<Object>path("nextToken")).isNull();
        JsonNode firstSent = aws.requests("FilterLogEvents").get(0).body();
        JsonNode secondSent = aws.requests("FilterLogEvents").get(1).body();
        assertThat(secondSent.path("nextToken").asText()).isNotBlank().isNotEqualTo(token);
        assertThat(secondSent.path("startTime")).isEqualTo(firstSent.path("startTime"));
        assertThat(secondSent.path("endTime")).isEqualTo(firstSent.path("endTime"));
    }

    @Test
    void retriesWhenThrottled() {
        aws.throttle("FilterLogEvents", 2);

        assertThat(messages(asAdmin().get(logs()))).hasSize(3);
        assertThat(aws.requests("FilterLogEvents")).hasSize(3);
    }

    @Test
    void aTokenTheProviderNoLongerTakesIsTheClientsToRestart() {
        String token = asAdmin().queryParam("limit", 1).get(logs()).then().statusCode(200).extract().path("nextToken");
        aws.fail("FilterLogEvents", 400, "InvalidParameterException", "The specified nextToken is invalid.", 1);

        Response refused = asAdmin().queryParam("limit", 1).queryParam("nextToken", token).get(logs());

        assertError(refused, 422, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("nextToken");
    }

    @Test
    void aRefusalOfTheProviderIsABadGatewayNamingIt() {
        aws.fail("FilterLogEvents", 400, "AccessDeniedException", "User is not authorized to perform: logs:FilterLogEvents", 1);

        Response refused = asAdmin().get(logs());

        assertError(refused, 502, "ProvisioningFailed");
        assertThat(refused.<String>path("message")).contains("FilterLogEvents").contains("AccessDeniedException");
    }
}
