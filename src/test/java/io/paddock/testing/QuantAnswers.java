package io.paddock.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Every answer the tests receive on Quant's paths ({@code /api/v3/organizations/...} and the
 * {@code /organisations/} alias), checked against Quant's contract (4.19.0): the operation is found by method and
 * path template, and the body is validated against the schema it declares for the status. An error status the
 * operation declares without a body, or does not declare (Paddock's own, such as 409 EnvironmentBusyError), is
 * checked against Paddock's error body with Quant's {@code errors}. A 2xx the operation does not declare is a
 * violation. A non-conforming answer fails the request that received it (an {@link AssertionError} out of REST
 * Assured), and the test it ran in ({@link ContractCheckExtension}), also when a thread of the test swallowed the
 * error.
 *
 * <p>Departures kept on purpose, each documented in the README: {@code listCronJobs}, {@code listVolumes} and
 * {@code listCommands}, for
 * which the contract declares one object, answer an array of such objects (each item is checked against it).
 */
public final class QuantAnswers implements Filter {

    private static final String CANONICAL = "/api/v3/organizations/";
    private static final String ALIAS = "/api/v3/organisations/";
    private static final Set<String> LISTS_DECLARED_AS_ONE = Set.of("listCronJobs", "listVolumes", "listCommands");
    private static final String ERROR_SCHEMA = """
            {"type": "object", "required": ["id", "name", "message", "details", "errors"],
             "properties": {
               "id": {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"},
               "name": {"type": "string", "pattern": "^[A-Za-z]+$"},
               "message": {"type": "string", "minLength": 1},
               "details": {"type": "array", "items": {"type": "object", "required": ["path", "message"],
                 "properties": {"path": {"type": "string"}, "message": {"type": "string"}}}},
               "errors": {"type": "object", "additionalProperties": {"type": "array", "minItems": 1,
                 "items": {"type": "string"}}}}}
            """;

    private static final ContractSchemas QUANT = ContractSchemas.quant();
    private static final JsonNode PADDOCK_ERROR = ContractSchemas.parse(ERROR_SCHEMA);
    private static final List<String> FOUND = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, AtomicLong> CHECKED = new ConcurrentHashMap<>();

    private QuantAnswers() {
    }

    /** Puts the check on every request REST Assured sends from now on (once). */
    public static void install() {
        if (RestAssured.filters().stream().noneMatch(QuantAnswers.class::isInstance)) {
            RestAssured.filters(new QuantAnswers());
        }
    }

    /** Forgets what an earlier test left behind: each test answers for its own requests. */
    public static void reset() {
        FOUND.clear();
    }

    /** Fails when an answer since the last reset did not conform, even one whose AssertionError a thread swallowed. */
    public static void verify() {
        List<String> found;
        synchronized (FOUND) {
            found = List.copyOf(FOUND);
            FOUND.clear();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("answers that do not conform to Quant's contract 4.19.0:\n" + String.join("\n", found));
        }
    }

    /** How many answers of each operation (or "<method> <path>" for Paddock's own routes) were checked so far. */
    public static long checked(String operation) {
        AtomicLong count = CHECKED.get(operation);
        return count == null ? 0 : count.get();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
            FilterContext context) {
        Response response = context.next(request, expected);
        String path = URI.create(request.getURI()).getRawPath();
        if (path == null || !(path.startsWith(CANONICAL) || path.startsWith(ALIAS))) {
            return response;
        }
        int status = response.statusCode();
        String prefer = request.getHeaders().getValue("Prefer");
        if (status == 202 && prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async")) {
            // Paddock's asynchronous answer, which a 4.19 client never asks for: its body is held to the schema of the
            // answer the same call gives when it waits (201 or 200), when it has one.
            status = response.asString().isEmpty() ? status : request.getMethod().equals("POST") ? 201 : 200;
            if (response.asString().isEmpty()) {
                return response;
            }
        }
        List<String> problems = problems(request.getMethod(), path, status, response.asString());
        if (!problems.isEmpty()) {
            String report = request.getMethod() + " " + path + " answered " + response.statusCode() + " "
                    + abbreviated(response.asString()) + "\n  " + String.join("\n  ", problems);
            FOUND.add(report);
            throw new AssertionError("an answer that does not conform to Quant's contract 4.19.0: " + report);
        }
        return response;
    }

    /** What is wrong with an answer on a Quant path; empty when it conforms. */
    public static List<String> problems(String method, String rawPath, int status, String body) {
        String path = rawPath.startsWith(ALIAS) ? CANONICAL + rawPath.substring(ALIAS.length()) : rawPath;
        Optional<ContractSchemas.Operation> operation = QUANT.operation(method, path);
        CHECKED.computeIfAbsent(operation.map(ContractSchemas.Operation::id).orElse(method + " " + path),
                key -> new AtomicLong()).incrementAndGet();
        List<String> problems = new ArrayList<>();
        JsonNode json = body == null || body.isEmpty() ? null : ContractSchemas.parse(body);
        if (body != null && !body.isEmpty() && json == null) {
            problems.add("the body is not JSON");
            return problems;
        }
        if (status >= 400) {
            problems.addAll(errorProblems(json));
        }
        if (operation.isEmpty()) {
            return problems;
        }
        ContractSchemas.Operation op = operation.get();
        if (op.response(status).isEmpty() && status < 400) {
            problems.add(op.id() + " declares no " + status + " answer; it declares " + op.node().path("responses")
                    .properties().stream().map(Map.Entry::getKey).toList());
            return problems;
        }
        Optional<JsonNode> schema = op.body(status);
        if (schema.isPresent()) {
            if (json == null) {
                problems.add(op.id() + " declares a JSON body for " + status + "; the answer has none");
            } else if (LISTS_DECLARED_AS_ONE.contains(op.id()) && json.isArray()) {
                for (int i = 0; i < json.size(); i++) {
                    for (String problem : QUANT.violations(schema.get(), json.get(i))) {
                        problems.add("/" + i + problem);
                    }
                }
            } else {
                problems.addAll(QUANT.violations(schema.get(), json).stream()
                        .map(problem -> op.id() + " " + status + ": " + problem).toList());
            }
        }
        return problems;
    }

    /** Paddock's error body with Quant's errors, and the two agreeing: each detail's message under its path. */
    private static List<String> errorProblems(JsonNode json) {
        if (json == null) {
            return List.of("an error answer needs Paddock's error body; the answer has none");
        }
        List<String> problems = new ArrayList<>(QUANT.violations(PADDOCK_ERROR, json).stream()
                .map(problem -> "error body: " + problem).toList());
        if (problems.isEmpty()) {
            for (JsonNode detail : json.get("details")) {
                JsonNode messages = json.get("errors").path(detail.get("path").asText());
                boolean listed = false;
                for (JsonNode message : messages) {
                    listed |= message.asText().equals(detail.get("message").asText());
                }
                if (!listed) {
                    problems.add("error body: errors does not list the detail " + detail);
                }
            }
        }
        return problems;
    }

    private static String abbreviated(String body) {
        return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "..." : body;
    }
}
