package io.paddock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.auth.AdminOnly;
import io.paddock.auth.OrganisationScoped;
import io.paddock.web.Idempotent;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document at /q/openapi as a client generator reads it. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String ERROR = "#/components/schemas/Error";
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
                .endsWith("/EnvironmentResponse");
        assertThat(create.path("parameters").findValuesAsText("name")).contains("Idempotency-Key");
    }

    @Test
    void everyErrorResponseOfEveryOperationHasTheErrorBody() throws Exception {
        List<String> errors = new ArrayList<>();
        List<String> without = new ArrayList<>();
        operations(document()).forEach((where, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            if (response.getKey().matches("[45]\\d\\d")) {
                errors.add(where + " " + response.getKey());
                String schema = response.getValue().path("content").path("application/json").path("schema").path("$ref").asText();
                if (!ERROR.equals(schema)) {
                    without.add(where + " " + response.getKey());
                }
            }
        }));
        assertThat(errors).hasSizeGreaterThan(100);
        assertThat(without).isEmpty();
    }

    @Test
    void everyOperationDocumentsTheResponsesEveryRouteCanGive() throws Exception {
        operations(document()).forEach((where, operation) -> assertThat(operation.path("responses").has("401")
                && operation.path("responses").has("500") && operation.path("responses").has("503"))
                .as(where + " documents 401, 500 and 503").isTrue());
    }

    /**
     * The words of every operation come from META-INF/openapi.yaml: a route it does not describe has no summary,
     * and a response it does not describe is SmallRye's generic "OK" (a method without its empty @APIResponses).
     */
    @Test
    void everyOperationAndEveryResponseIsDescribed() throws Exception {
        List<String> undescribed = new ArrayList<>();
        operations(document()).forEach((where, operation) -> {
            if (where.contains(" /api/test-probe")) {
                return; // the test suite's own probe routes, not Paddock's
            }
            if (operation.path("summary").asText().isBlank() || operation.path("tags").isEmpty()) {
                undescribed.add(where + " has no summary or tag");
            }
            operation.path("responses").properties().forEach(response -> {
                String description = response.getValue().path("description").asText();
                if (description.isBlank() || description.equals("OK")) {
                    undescribed.add(where + " " + response.getKey() + ": \"" + description + "\"");
                }
            });
        });
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyRouteThatRefusesTokensOutOfItsScopeDocuments403() throws Exception {
        Map<String, JsonNode> byId = operationsById(document());
        List<Method> routes = resourceMethods();
        assertThat(routes).isNotEmpty();
        for (Method route : routes) {
            boolean scoped = annotated(route, AdminOnly.class) || annotated(route, OrganisationScoped.class);
            JsonNode responses = byId.get(operationId(route)).path("responses");
            assertThat(responses.has("403")).as(operationId(route) + " documents 403").isEqualTo(scoped);
        }
    }

    @Test
    void everyIdempotentRouteDocumentsTheIdempotencyKeyHeaderAndNoOtherDoes() throws Exception {
        Map<String, JsonNode> byId = operationsById(document());
        Set<String> idempotent = new TreeSet<>();
        for (Method route : resourceMethods()) {
            if (annotated(route, Idempotent.class)) {
                idempotent.add(operationId(route));
            }
        }
        assertThat(idempotent).contains("createEnvironment", "updateEnvironment", "updateEnvironmentState", "deleteEnvironment",
                "createCronJob", "updateContainer", "createCatalogEnvironment");
        byId.forEach((id, operation) -> {
            List<JsonNode> headers = new ArrayList<>();
            operation.path("parameters").forEach(parameter -> {
                if ("Idempotency-Key".equals(parameter.path("name").asText())) {
                    headers.add(parameter);
                }
            });
            if (!idempotent.contains(id)) {
                assertThat(headers).as(id + " takes no Idempotency-Key").isEmpty();
                return;
            }
            assertThat(headers).as(id + " documents Idempotency-Key once").hasSize(1);
            JsonNode header = headers.get(0);
            assertThat(header.path("in").asText()).isEqualTo("header");
            assertThat(header.path("required").asBoolean(true)).isFalse();
            assertThat(header.path("description").asText()).isEqualTo("Makes retries safe: a repeat of the same request "
                    + "with the same key replays the first response (422 when the key was used for another request, 409 while "
                    + "the first is still running)");
            assertThat(header.path("schema").path("type").asText()).isEqualTo("string");
            assertThat(header.path("schema").path("maxLength").asInt()).isEqualTo(255);
        });
    }

    /** Every operation of the document's API paths, by "METHOD path". */
    private static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (path.getKey().startsWith("/api/") && !method.getKey().equals("parameters")) {
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
        assertThat(operations).hasSizeGreaterThan(30);
        return operations;
    }

    private static Map<String, JsonNode> operationsById(JsonNode document) {
        Map<String, JsonNode> byId = new TreeMap<>();
        operations(document).values().forEach(operation -> {
            if (operation.has("operationId")) {
                byId.put(operation.get("operationId").asText(), operation);
            }
        });
        return byId;
    }

    /** The routes of the application's resources (not the test-only probes under /api/test-probe). */
    private static List<Method> resourceMethods() {
        List<Method> methods = new ArrayList<>();
        Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(bean -> bean.getBeanClass())
                .filter(type -> type.isAnnotationPresent(Path.class))
                .filter(type -> !type.getAnnotation(Path.class).value().startsWith("/api/test-probe"))
                .distinct()
                .forEach(type -> {
                    for (Method method : type.getDeclaredMethods()) {
                        if (Arrays.stream(method.getAnnotations())
                                .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))) {
                            methods.add(method);
                        }
                    }
                });
        return methods;
    }

    /** A route is named for its operation (quarkus.smallrye-openapi.operation-id-strategy=method). */
    private static String operationId(Method route) {
        return route.getName();
    }

    private static boolean annotated(Method route, Class<? extends java.lang.annotation.Annotation> annotation) {
        return route.isAnnotationPresent(annotation) || route.getDeclaringClass().isAnnotationPresent(annotation);
    }
}
