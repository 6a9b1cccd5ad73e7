package io.paddock.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogOpenApiTest {

    private static final String BASE = "/api/admin/environments";
    private static final String SCHEMAS = "#/components/schemas/";

    private JsonNode document;

    @BeforeEach
    void readDocument() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200)
                .extract().asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void describesEveryCatalogOperation() {
        Map<String, Map<String, String>> expected = Map.of(
                BASE, Map.of("get", "getAllEnvironments", "post", "createCatalogEnvironment"),
                BASE + "/{name}", Map.of("get", "getCatalogEnvironment", "delete", "removeEnvironment"),
                BASE + "/update/{name}", Map.of("put", "updateCatalogEnvironment"),
                BASE + "/{name}/on", Map.of("post", "toggleEnvironmentOn"),
                BASE + "/{name}/off", Map.of("post", "toggleEnvironmentOff"),
                BASE + "/sort-order", Map.of("put", "updateSortOrder"),
                BASE + "/validate", Map.of("post", "validateEnvironmentName"),
                BASE + "/{name}/clone", Map.of("post", "cloneEnvironment"));
        expected.forEach((path, operations) -> {
            JsonNode item = document.path("paths").path(path);
            assertFalse(item.isMissingNode(), "missing path " + path);
            operations.forEach((method, operationId) -> {
                JsonNode operation = item.path(method);
                assertEquals(operationId, operation.path("operationId").asText(), method + " " + path);
                assertFalse(operation.path("summary").asText().isBlank(), "summary of " + operationId);
            });
        });
    }

    @Test
    void namesTheRequestSchemas() {
        assertEquals(SCHEMAS + "CreateCatalogEnvironmentRequest", requestSchema(BASE, "post").path("$ref").asText());
        assertEquals(SCHEMAS + "UpdateCatalogEnvironmentRequest",
                requestSchema(BASE + "/update/{name}", "put").path("$ref").asText());
        assertEquals(SCHEMAS + "CatalogEnvironmentNameRequest",
                requestSchema(BASE + "/validate", "post").path("$ref").asText());
        assertEquals(SCHEMAS + "CloneCatalogEnvironmentRequest",
                requestSchema(BASE + "/{name}/clone", "post").path("$ref").asText());

        JsonNode sortOrder = requestSchema(BASE + "/sort-order", "put");
        assertEquals("object", sortOrder.path("type").asText(), sortOrder.toString());
        assertEquals("integer", sortOrder.path("additionalProperties").path("type").asText(), sortOrder.toString());

        JsonNode create = schema("CreateCatalogEnvironmentRequest");
        assertEquals(List.of("name", "type"), names(create.path("required")));
        assertEquals("^[a-zA-Z0-9~_.-]+$", create.path("properties").path("name").path("pattern").asText());
        assertEquals("integer", create.path("properties").path("sortOrder").path("type").asText());
        assertEquals("boolean", create.path("properties").path("enabled").path("type").asText());
    }

    @Test
    void namesTheResponseSchemas() {
        assertEquals(SCHEMAS + "CatalogEnvironmentList", responseSchema(BASE, "get", "200").path("$ref").asText());
        assertEquals(SCHEMAS + "CatalogEnvironment", responseSchema(BASE, "post", "201").path("$ref").asText());
        assertEquals(SCHEMAS + "CatalogEnvironment", responseSchema(BASE + "/{name}", "get", "200").path("$ref").asText());
        assertEquals(SCHEMAS + "CatalogEnvironment",
                responseSchema(BASE + "/update/{name}", "put", "200").path("$ref").asText());
        assertEquals(SCHEMAS + "CatalogEnvironment",
                responseSchema(BASE + "/{name}/clone", "post", "201").path("$ref").asText());
        assertTrue(operation(BASE, "post").path("responses").path("201").path("headers").has("Location"));
        assertTrue(operation(BASE + "/{name}/on", "post").path("responses").has("204"));
        assertTrue(operation(BASE + "/{name}/off", "post").path("responses").has("204"));
        assertTrue(operation(BASE + "/{name}/on", "post").path("requestBody").isMissingNode());
        assertTrue(operation(BASE + "/{name}", "delete").path("responses").has("200"));
        assertTrue(operation(BASE + "/sort-order", "put").path("responses").has("200"));
        assertTrue(operation(BASE + "/validate", "post").path("responses").has("200"));

        Map<String, List<String>> errors = Map.of(
                BASE + "/{name} get", List.of("404"),
                BASE + " post", List.of("400", "403", "409"),
                BASE + "/{name} delete", List.of("403", "404", "409"),
                BASE + "/update/{name} put", List.of("400", "403", "404"),
                BASE + "/sort-order put", List.of("400", "403", "404"),
                BASE + "/validate post", List.of("400", "403", "409"),
                BASE + "/{name}/clone post", List.of("400", "403", "404", "409"),
                BASE + "/{name}/on post", List.of("403", "404"),
                BASE + "/{name}/off post", List.of("403", "404"));
        errors.forEach((key, statuses) -> {
            String[] pathAndMethod = key.split(" ");
            for (String status : statuses) {
                assertEquals(SCHEMAS + "Error", responseSchema(pathAndMethod[0], pathAndMethod[1], status)
                        .path("$ref").asText(), key + " " + status);
            }
        });
    }

    @Test
    void describesTheEnvironmentBodyWithProtectedAndWithoutToggleCount() {
        JsonNode environment = schema("CatalogEnvironment");
        JsonNode properties = environment.path("properties");
        assertEquals(List.of("name", "type", "enabled", "protected", "sortOrder", "projectCount", "apiTokenCount"),
                names(properties));
        assertEquals("boolean", properties.path("protected").path("type").asText());
        assertTrue(environment.path("description").asText().contains("enabledToggleCount"));
        JsonNode list = schema("CatalogEnvironmentList").path("properties");
        assertEquals(SCHEMAS + "CatalogEnvironment", list.path("environments").path("items").path("$ref").asText());
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertFalse(operation.isMissingNode(), method + " " + path);
        return operation;
    }

    private JsonNode requestSchema(String path, String method) {
        return operation(path, method).path("requestBody").path("content").path("application/json").path("schema");
    }

    private JsonNode responseSchema(String path, String method, String status) {
        return operation(path, method).path("responses").path(status).path("content").path("application/json")
                .path("schema");
    }

    private JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        assertFalse(schema.isMissingNode(), "schema " + name);
        return schema;
    }

    private static List<String> names(JsonNode node) {
        if (node.isArray()) {
            List<String> values = new java.util.ArrayList<>();
            node.forEach(value -> values.add(value.asText()));
            return values.stream().sorted().toList();
        }
        List<String> fields = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
