package io.paddock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;

/**
 * A published OpenAPI 3.0 document: its operations, found by method and path as a client calls them, and their
 * schemas, checked by a JSON Schema validator with OpenAPI 3.0's dialect ({@code networknt}'s: {@code $ref},
 * {@code type}, {@code nullable}, {@code required}, {@code properties}, {@code additionalProperties}, {@code items},
 * {@code enum}, {@code pattern}, {@code minimum}, {@code maximum}, formats such as {@code date-time}). Properties a
 * schema does not name are allowed, as OpenAPI allows them unless {@code additionalProperties} is false.
 */
public final class ContractSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUANT = "contracts/quant-cloud-environments-openapi-4.19.0.yaml";
    private static final Map<String, ContractSchemas> LOADED = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final List<Operation> operations;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .nullableKeywordEnabled(true)
            .formatAssertionsEnabled(true)
            .build();
    private final Map<JsonNode, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** One operation of the document: how it is called, and its description. */
    public record Operation(String method, String template, Pattern path, String id, JsonNode node) {

        /** The declared response for a status, or empty when the operation does not declare it. */
        public Optional<JsonNode> response(int status) {
            JsonNode response = node.path("responses").path(Integer.toString(status));
            return response.isMissingNode() ? Optional.empty() : Optional.of(response);
        }

        /** The JSON body schema declared for a status, or empty when none is (no such status, or no content). */
        public Optional<JsonNode> body(int status) {
            return response(status).map(r -> r.path("content").path("application/json").path("schema"))
                    .filter(schema -> !schema.isMissingNode());
        }
    }

    private ContractSchemas(JsonNode document) {
        this.document = document;
        this.operations = operations(document);
    }

    /** Quant Cloud's environments API, 4.19.0: the contract Paddock's Quant dialect is tested against. */
    public static ContractSchemas quant() {
        return load(QUANT);
    }

    /** A contract from src/test/resources, read once. */
    public static ContractSchemas load(String resource) {
        return LOADED.computeIfAbsent(resource, ContractSchemas::read);
    }

    private static ContractSchemas read(String resource) {
        try (InputStream in = ContractSchemas.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new ContractSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The operation a client calls with this method on this path (no query), if the document has one. */
    public Optional<Operation> operation(String method, String path) {
        return operations.stream()
                .filter(op -> op.method().equalsIgnoreCase(method) && op.path().matcher(path).matches())
                .findFirst();
    }

    public Operation operation(String operationId) {
        return operations.stream()
                .filter(op -> op.id().equals(operationId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation " + operationId));
    }

    /** The schema of an answer of an operation, by operation id and status. */
    public JsonNode response(String operationId, int status) {
        return operation(operationId).body(status)
                .orElseThrow(() -> new IllegalArgumentException(operationId + " declares no JSON body for " + status));
    }

    /** A named schema of the components. */
    public JsonNode schema(String name) {
        JsonNode schema = document.path("components").path("schemas").path(name);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("no schema " + name);
        }
        return schema;
    }

    /** The {@code example} a named schema of the components gives, as a fresh copy to change. */
    public ObjectNode example(String name) {
        JsonNode example = schema(name).path("example");
        if (!example.isObject()) {
            throw new IllegalArgumentException("schema " + name + " gives no example object");
        }
        return example.deepCopy();
    }

    /** The problems of a document against a schema of this contract, each with its JSON pointer; empty when it conforms. */
    public List<String> violations(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : compile(schema).validate(value)) {
            problems.add(message.getInstanceLocation() + ": " + message.getMessage());
        }
        problems.sort(Comparator.naturalOrder());
        return problems;
    }

    /**
     * A schema of the document as a validator's root: the schema itself with the document's {@code components}
     * beside it, so that its {@code #/components/schemas/...} references resolve as they do in the document.
     */
    private JsonSchema compile(JsonNode schema) {
        return compiled.computeIfAbsent(schema, s -> {
            ObjectNode root = s.deepCopy();
            root.set("components", document.path("components"));
            return factory.getSchema(SchemaLocation.of("urn:paddock:contract:" + Integer.toHexString(s.hashCode())),
                    root, config);
        });
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^/]+}", "[^/]+"));
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (method.getValue().has("operationId")) {
                    operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                            pattern, method.getValue().get("operationId").asText(), method.getValue()));
                }
            }
        }
        return List.copyOf(operations);
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
