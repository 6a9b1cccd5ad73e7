package io.paddock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document at /q/openapi as a client generator reads it. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String ENVS = "/api/v3/organizations/{organisation}/applications/{application}/environments";

    private JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void operationIdsAreUnique() throws Exception {
        List<String> ids = new ArrayList<>();
        document().path("paths").forEach(item -> item.forEach(operation -> {
            if (operation.has("operationId")) {
                ids.add(operation.get("operationId").asText());
            }
        }));
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void describesEveryApplicationEnvironmentOperationOfTheContract() throws Exception {
        JsonNode paths = document().path("paths");
        Map<String, Map<String, String>> expected = Map.of(
                ENVS, Map.of("get", "listEnvironments", "post", "createEnvironment"),
                ENVS + "/{environment}", Map.of("get", "getEnvironment", "put", "updateEnvironment", "delete", "deleteEnvironment"),
                ENVS + "/{environment}/state", Map.of("put", "updateEnvironmentState"),
                ENVS + "/{environment}/compose", Map.of("get", "getEnvironmentCompose"),
                ENVS + "/{environment}/volumes", Map.of("get", "listVolumes", "post", "createVolume"),
                ENVS + "/{environment}/volumes/{volume}", Map.of("get", "getVolume", "delete", "deleteVolume"));
        expected.forEach((path, operations) -> operations.forEach((method, id) -> {
            JsonNode operation = paths.path(path).path(method);
            assertThat(operation.path("operationId").asText()).as(method + " " + path).isEqualTo(id);
        }));
        JsonNode create = paths.path(ENVS).path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/createEnvironment_request");
        assertThat(create.path("responses").path("201").path("content").path("application/json").path("schema").path("$ref").asText())
                .endsWith("/Environment");
        assertThat(create.path("parameters").findValuesAsText("name")).contains("Idempotency-Key");
    }
}
