package io.paddock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The schemas of a published OpenAPI 3.0 document, and a check of JSON documents against them as a strict
 * client or schema validator would make it: {@code $ref}, {@code type}, {@code nullable} (a {@code null} where
 * the schema does not allow one is an error), {@code required}, {@code properties}, {@code items},
 * {@code enum}, {@code pattern}, {@code minimum}, {@code maximum} and the {@code date-time} format. Properties a
 * schema does not name are allowed, as OpenAPI allows them unless {@code additionalProperties} is false.
 */
public final class ContractSchemas {

    private final JsonNode document;

    private ContractSchemas(JsonNode document) {
        this.document = document;
    }

    /** A contract from src/test/resources. */
    public static ContractSchemas load(String resource) {
        try (InputStream in = ContractSchemas.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new ContractSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema of a 2xx answer of an operation, by operation id and status. */
    public JsonNode response(String operationId, int status) {
        JsonNode schema = operation(operationId).path("responses").path(Integer.toString(status))
                .path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException(operationId + " declares no JSON body for " + status);
        }
        return schema;
    }

    /** A named schema of the components. */
    public JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    /** The problems of a document against a schema, each with its JSON pointer; empty when it conforms. */
    public List<String> violations(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "", problems);
        return problems;
    }

    private JsonNode operation(String operationId) {
        for (Iterator<JsonNode> paths = document.path("paths").elements(); paths.hasNext();) {
            for (Iterator<JsonNode> operations = paths.next().elements(); operations.hasNext();) {
                JsonNode operation = operations.next();
                if (operationId.equals(operation.path("operationId").asText())) {
                    return operation;
                }
            }
        }
        throw new IllegalArgumentException("no operation " + operationId);
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/components/schemas/")) {
                throw new IllegalArgumentException("unsupported $ref " + ref);
            }
            schema = schema(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String pointer, List<String> problems) {
        schema = resolve(schema);
        String at = pointer.isEmpty() ? "/" : pointer;
        if (value.isNull()) {
            if (schema.has("type") && !schema.path("nullable").asBoolean(false)) {
                problems.add(at + ": null, but the schema is a non-nullable " + schema.get("type").asText());
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean matches = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!matches) {
            problems.add(at + ": " + value.getNodeType().toString().toLowerCase() + ", but the schema is " + type);
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value) || allowed.asText().equals(value.asText());
            }
            if (!listed) {
                problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isTextual() && schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            problems.add(at + ": " + value + " does not match " + schema.get("pattern").asText());
        }
        if (value.isTextual() && "date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                problems.add(at + ": " + value + " is not an RFC 3339 date-time");
            }
        }
        if (value.isNumber() && schema.has("minimum") && value.decimalValue().compareTo(
                schema.get("minimum").decimalValue()) < 0) {
            problems.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (value.isNumber() && schema.has("maximum") && value.decimalValue().compareTo(
                schema.get("maximum").decimalValue()) > 0) {
            problems.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(schema.get("items"), value.get(i), pointer + "/" + i, problems);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + ": the required property " + required.asText() + " is missing");
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode property = schema.path("properties").path(field.getKey());
                String child = pointer + "/" + field.getKey();
                if (!property.isMissingNode()) {
                    check(property, field.getValue(), child, problems);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(child + ": a property the schema does not allow");
                } else if (schema.path("additionalProperties").isObject()) {
                    check(schema.get("additionalProperties"), field.getValue(), child, problems);
                }
            }
        }
    }
}
