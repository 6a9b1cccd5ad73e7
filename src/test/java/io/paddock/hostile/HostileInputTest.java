package io.paddock.hostile;

import static io.paddock.testing.Api.ADMIN;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.paddock.testing.Environments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * A property-based campaign of malformed and adversarial requests against both create calls and the update
 * call. Every request is wrong by construction (jqwik generates how). Every answer must be a 4xx with the
 * error body, nothing may be stored or provisioned, and the log must hold neither a raw control character
 * nor a token secret.
 */
@QuarkusTest
class HostileInputTest {

    private static final int PER_GENERATOR = 60;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "hostile-app";
    private static final String ENVS = Environments.path("acme", APP);

    @Inject
    AgroalDataSource db;

    /** How a valid request is made wrong: the request's target and its raw body (or null for none). */
    private record Attack(String kind, String method, String path, String body) {
    }

    @Test
    void everyHostileRequestIsRefusedWithAClientErrorAndLeavesNothing() throws Exception {
        // The update call needs an environment to update.
        given().header("Authorization", ADMIN).contentType("application/json")
                .body(Environments.request("target", Environments.compose(Environments.container("web"))))
                .post(ENVS).then().statusCode(201);
        Map<String, Long> before = settledCounts();

        List<Attack> attacks = new ArrayList<>();
        for (Target target : targets()) {
            attacks.addAll(sample(wrongTypes(target), "wrong type", target));
            attacks.addAll(sample(extremeNumbers(target), "extreme number", target));
            attacks.addAll(sample(deepNesting(target), "deep nesting", target));
            attacks.addAll(sample(hostileNames(target), "hostile name", target));
            attacks.addAll(sample(duplicateKeys(target), "duplicate key", target));
            attacks.addAll(sample(truncated(target), "truncated JSON", target));
            attacks.addAll(sample(unknownProperties(target), "unknown property", target));
        }
        attacks.addAll(hostilePathSegments());
        assertThat(attacks).hasSizeGreaterThanOrEqualTo(1000);

        List<String> logLines = Collections.synchronizedList(new ArrayList<>());
        Handler capture = capture(logLines);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        List<String> failures = new ArrayList<>();
        try {
            for (Attack attack : attacks) {
                Response response = send(attack);
                int status = response.statusCode();
                boolean errorBody = response.contentType() != null && response.contentType().startsWith("application/json")
                        && response.path("id") != null && response.path("name") != null && response.path("message") != null
                        && response.path("details") != null;
                if (status < 400 || status >= 500 || !errorBody) {
                    failures.add(attack.kind() + " " + attack.method() + " " + attack.path() + " -> " + status + " "
                            + abbreviate(response.asString()) + " for body " + abbreviate(attack.body()));
                }
            }
        } finally {
            root.removeHandler(capture);
        }
        assertThat(failures).as("requests not answered with a 4xx error body").isEmpty();
        assertThat(counts()).as("rows and cloud resources").isEqualTo(before);

        String adminSecret = ADMIN.substring(ADMIN.indexOf('.') + 1);
        assertThat(logLines).allSatisfy(line -> {
            assertThat(line).doesNotContain(adminSecret);
            assertThat(line.chars().noneMatch(c -> c < 0x20 && c != '\t')).as("control character in log line: %s", line).isTrue();
        });
        System.out.printf("hostile input campaign: %d requests, %d answered outside 4xx, %d log lines checked%n",
                attacks.size(), failures.size(), logLines.size());
    }

    // ---- targets: a valid request per call, as a JSON tree we can break

    private record Target(String name, String method, String path, Map<String, Object> valid, List<List<String>> fields) {
    }

    private static List<Target> targets() {
        Map<String, Object> catalog = new LinkedHashMap<>(Map.of("name", "hostile-stage", "type", "test", "enabled", true, "sortOrder", 7));
        Map<String, Object> web = Environments.container("web");
        web.put("cpu", 256);
        web.put("memory", 512);
        web.put("exposedPorts", List.of(8080));
        web.put("healthCheck", Map.of("command", List.of("CMD", "true"), "interval", 30));
        web.put("mountPoints", List.of(Map.of("sourceVolume", "files", "containerPath", "/data")));
        Map<String, Object> create = Environments.request("hostile-env", Environments.compose(web));
        create.put("minCapacity", 1);
        create.put("maxCapacity", 2);
        Map<String, Object> update = new LinkedHashMap<>(Map.of("composeDefinition", Environments.compose(web), "minCapacity", 1));
        List<List<String>> envFields = List.of(List.of("envName"), List.of("minCapacity"), List.of("maxCapacity"),
                List.of("composeDefinition"), List.of("composeDefinition", "containers"),
                List.of("composeDefinition", "containers", "0", "name"), List.of("composeDefinition", "containers", "0", "cpu"),
                List.of("composeDefinition", "containers", "0", "exposedPorts"),
                List.of("composeDefinition", "containers", "0", "imageReference"),
                List.of("composeDefinition", "containers", "0", "healthCheck", "interval"),
                List.of("composeDefinition", "containers", "0", "mountPoints", "0", "containerPath"));
        Map<String, Object> container = Environments.container("web");
        container.put("cpu", 256);
        container.put("memory", 512);
        container.put("exposedPorts", List.of(8080));
        Map<String, Object> policy = new LinkedHashMap<>(Map.of("metric", "CPUUtilization", "targetValue", 70.5,
                "scaleInCooldownSeconds", 300, "scaleOutCooldownSeconds", 60));
        List<List<String>> updateFields = List.of(List.of("composeDefinition"), List.of("minCapacity"),
                List.of("composeDefinition", "containers", "0", "name"), List.of("composeDefinition", "containers", "0", "memory"));
        return List.of(
                new Target("catalog create", "POST", "/api/admin/environments", catalog,
                        List.of(List.of("name"), List.of("type"), List.of("enabled"), List.of("sortOrder"))),
                new Target("environment create", "POST", ENVS, create, envFields),
                new Target("environment update", "PUT", ENVS + "/target", update, updateFields),
                new Target("container update", "PUT", ENVS + "/target/containers/web", container,
                        List.of(List.of("name"), List.of("cpu"), List.of("memory"), List.of("exposedPorts"),
                                List.of("imageReference"))),
                // targetValue is left out: a number of another type (an integer for a fraction) is a valid value.
                new Target("scaling policy", "PUT", ENVS + "/target/scaling-policies", policy,
                        List.of(List.of("metric"), List.of("scaleInCooldownSeconds"), List.of("scaleOutCooldownSeconds"))));
    }

    // ---- generators

    private static Arbitrary<Object> wrongValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just((Object) List.of("x", 1)),
                Arbitraries.just((Object) Map.of("nested", Map.of())),
                Arbitraries.doubles().between(-1e6, 1e6).filter(d -> d != Math.rint(d)).map(d -> (Object) d));
    }

    /** A field replaced with a value of a type it cannot have (a value that happens to fit is skipped). */
    private static Arbitrary<String> wrongTypes(Target t) {
        return Arbitraries.of(t.fields()).flatMap(field -> wrongValue().map(value -> {
            Object current = get(t.valid(), field);
            if (current != null && current.getClass() == value.getClass()) {
                return null;
            }
            if (current instanceof Map && value instanceof Map || current instanceof List && value instanceof List) {
                return null;
            }
            return write(set(t.valid(), field, value));
        })).filter(body -> body != null);
    }

    private static Arbitrary<String> extremeNumbers(Target t) {
        // Every integer of these requests must be positive or at least zero, except the catalog's sortOrder,
        // which may be any integer: there only numbers outside the integer range are wrong.
        List<List<String>> numeric = t.fields().stream().filter(f -> get(t.valid(), f) instanceof Integer).toList();
        boolean negativesAllowed = numeric.stream().allMatch(f -> f.equals(List.of("sortOrder")) || f.equals(List.of("enabled")));
        Arbitrary<String> literal = Arbitraries.of("2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308",
                "1.5", "-0.5", "1" + "0".repeat(120), "-99999999999999999999999", "NaN", "Infinity");
        Arbitrary<String> negative = Arbitraries.integers().between(Integer.MIN_VALUE, -1).map(String::valueOf);
        Arbitrary<String> numbers = negativesAllowed ? literal : Arbitraries.oneOf(literal, negative);
        return Arbitraries.of(numeric).flatMap(field -> numbers.map(number -> {
            String marker = "\"__NUMBER__\"";
            return write(set(t.valid(), field, "__NUMBER__")).replace(marker, number);
        }));
    }

    private static Arbitrary<String> deepNesting(Target t) {
        return Arbitraries.integers().between(65, 3000).flatMap(depth -> Arbitraries.of(t.fields()).map(field -> {
            String marker = "\"__DEEP__\"";
            String deep = "[".repeat(depth) + "]".repeat(depth);
            return write(set(t.valid(), field, "__DEEP__")).replace(marker, deep);
        }));
    }

    /** Names with control characters, unicode tricks, SQL and header injection. */
    private static Arbitrary<String> hostileNames(Target t) {
        Arbitrary<String> payload = Arbitraries.oneOf(
                Arbitraries.of("x'; DROP TABLE api_token;--", "\" OR 1=1 --", "a\r\nX-Injected: 1", "a\nFORGED LOG LINE",
                        "../../etc/passwd", "%00", "\u0000null", "\u202Eevil", "e\u0301", "\uD83D\uDE80rocket", "\u200B",
                        "<script>alert(1)</script>", "${jndi:ldap://x}", " leading", "trailing ", "", "a".repeat(300)),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(8).map(s -> "n" + s),
                Arbitraries.strings().withCharRange('\u0080', '\uFFEF').ofMinLength(1).ofMaxLength(12));
        String nameField = t.valid().containsKey("envName") ? "envName" : t.valid().containsKey("name") ? "name"
                : t.valid().containsKey("metric") ? "metric" : null;
        List<String> path = nameField != null ? List.of(nameField) : List.of("composeDefinition", "containers", "0", "name");
        return payload.map(name -> write(set(t.valid(), path, name)));
    }

    private static Arbitrary<String> duplicateKeys(Target t) {
        return Arbitraries.of(t.valid().keySet().stream().toList()).map(key -> {
            String body = write(t.valid());
            return "{" + JSON_string(key) + ":" + write(t.valid().get(key)) + "," + body.substring(1);
        });
    }

    private static Arbitrary<String> truncated(Target t) {
        String body = write(t.valid());
        return Arbitraries.integers().between(0, body.length() - 1).map(cut -> body.substring(0, cut));
    }

    private static Arbitrary<String> unknownProperties(Target t) {
        return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
                .filter(name -> !t.valid().containsKey(name))
                .map(name -> {
                    Map<String, Object> body = new LinkedHashMap<>(t.valid());
                    body.put(name, "surprise");
                    return write(body);
                });
    }

    private static List<Attack> hostilePathSegments() {
        List<Attack> attacks = new ArrayList<>();
        String body = write(targets().get(1).valid());
        for (String segment : Arbitraries.of("x%27%3B%20DROP%20TABLE%20api_token%3B--", "a%0d%0aX-Injected:%201", "%00",
                "-leading", "a".repeat(64), "%E2%80%AEevil", "a%2Fb", "..%2F..", "%F0%9F%9A%80", "a%20b")
                .sampleStream().distinct().limit(10).toList()) {
            attacks.add(new Attack("hostile organisation", "POST",
                    "/api/v3/organizations/" + segment + "/applications/" + APP + "/environments", body));
            attacks.add(new Attack("hostile application", "POST",
                    "/api/v3/organizations/acme/applications/" + segment + "/environments", body));
        }
        return attacks;
    }

    private static List<Attack> sample(Arbitrary<String> bodies, String kind, Target t) {
        return bodies.sampleStream().limit(PER_GENERATOR).map(body -> new Attack(kind + " (" + t.name() + ")", t.method(), t.path(), body))
                .toList();
    }

    // ---- helpers

    private Response send(Attack attack) {
        var request = given()
                .config(RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/json", io.restassured.http.ContentType.TEXT)))
                .urlEncodingEnabled(false)
                .header("Authorization", ADMIN)
                .contentType("application/json; charset=UTF-8");
        if (attack.body() != null) {
            request.body(attack.body().getBytes(StandardCharsets.UTF_8));
        }
        return request.request(attack.method(), attack.path());
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object node, List<String> path) {
        Object current = node;
        for (String step : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(step);
            } else if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(step));
            } else {
                return null;
            }
        }
        return current;
    }

    /** A deep copy of the tree with the value at the path replaced. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> set(Map<String, Object> tree, List<String> path, Object value) {
        Map<String, Object> copy = JSON.convertValue(tree, Map.class);
        Object current = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            String step = path.get(i);
            current = current instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(step)
                    : ((List<Object>) current).get(Integer.parseInt(step));
        }
        String last = path.get(path.size() - 1);
        if (current instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else {
            ((List<Object>) current).set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String JSON_string(String s) {
        return write(s);
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * The counts once the reconciler has nothing left to do: environments other test classes left CREATING,
     * UPDATING, DELETING or FAILED with resources are finished in the background, and their rows and resources would
     * otherwise change the counts while the campaign runs (at most a minute's wait; then the counts as they are).
     */
    private Map<String, Long> settledCounts() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        Map<String, Long> last = counts();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            Map<String, Long> now = counts();
            if (now.equals(last) && unsettled() == 0) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private long unsettled() throws Exception {
        try (Connection c = db.getConnection(); Statement q = c.createStatement();
                ResultSet rs = q.executeQuery("SELECT count(*) FROM application_environment a"
                        + " WHERE a.status IN ('CREATING', 'UPDATING', 'DELETING')"
                        + " OR (a.status = 'FAILED' AND NOT a.failure_terminal"
                        + " AND EXISTS (SELECT 1 FROM provisioned_resource p WHERE p.environment_id = a.id))")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.getConnection(); Statement q = c.createStatement()) {
            for (String table : List.of("application_environment", "catalog_environment", "local_cloud_resource",
                    "provisioned_resource", "api_token")) {
                try (ResultSet rs = q.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Handler capture(List<String> lines) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
                if (message != null) {
                    lines.add(message);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
