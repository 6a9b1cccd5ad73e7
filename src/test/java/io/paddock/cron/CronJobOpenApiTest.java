package io.paddock.cron;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The cron routes in the OpenAPI document, with the operationIds and schemas of Quant's extract. */
@QuarkusTest
class CronJobOpenApiTest {

    private static final String CRON = "/api/v3/organizations/{organisation}/applications/{application}/environments"
            + "/{environment}/cron";

    @Test
    void describesEveryCronOperationOfTheContract() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString()).path("paths");
        Map<String, Map<String, String>> expected = Map.of(
                CRON, Map.of("get", "listCronJobs", "post", "createCronJob"),
                CRON + "/{cron}", Map.of("get", "getCronJob", "patch", "updateCronJob", "delete", "deleteCronJob"),
                CRON + "/{cron}/runs", Map.of("get", "listCronJobRuns"),
                CRON + "/{cron}/runs/{run}", Map.of("get", "getCronRun"));
        expected.forEach((path, operations) -> operations.forEach((method, id) ->
                assertThat(paths.path(path).path(method).path("operationId").asText()).as(method + " " + path).isEqualTo(id)));

        JsonNode create = paths.path(CRON).path("post");
        assertThat(schemaRef(create.path("requestBody"))).endsWith("/createCronJob_request");
        assertThat(schemaRef(create.path("responses").path("201"))).endsWith("/CronJob");
        assertThat(create.path("parameters").findValuesAsText("name")).contains("Idempotency-Key");
        assertThat(schemaRef(paths.path(CRON + "/{cron}").path("patch").path("requestBody"))).endsWith("/updateCronJob_request");
        assertThat(paths.path(CRON).path("get").path("responses").path("200").path("content").path("application/json")
                .path("schema").path("type").asText()).isEqualTo("array");
        assertThat(paths.path(CRON + "/{cron}/runs/{run}").path("get").path("responses").path("200").toString())
                .contains("/CronRun");
    }

    private static String schemaRef(JsonNode node) {
        return node.path("content").path("application/json").path("schema").path("$ref").asText();
    }
}
