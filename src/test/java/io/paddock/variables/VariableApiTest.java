package io.paddock.variables;

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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.ContractSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** An environment's own variables with the local provider: set, listed, removed, each change rolled out. */
@QuarkusTest
class VariableApiTest {

    private static final ContractSchemas QUANT = ContractSchemas.quant();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LocalCloudSettings cloud;

    @Inject
    ProvisioningTestSupport support;

    /** The contract's own example of the path: test-org, test-app (made unique per test), test-env. */
    private final String app = unique("test-app");

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    private String envs() {
        return path("test-org", app);
    }

    private String variables(String envName) {
        return envs() + "/" + envName + "/variables";
    }

    private void create(String envName) {
        asAdmin().body(request(envName, compose(container("web")))).post(envs()).then().statusCode(201);
    }

    private boolean active(String envName) {
        return "ACTIVE".equals(asAdmin().get(envs() + "/" + envName).path("status"));
    }

    private int revision(String envName) {
        return asAdmin().get(envs() + "/" + envName).path("taskDefinition.revision");
    }

    private static Map<String, Object> bulk(String... namesAndValues) {
        List<Map<String, String>> environment = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.add(Map.of("name", namesAndValues[i], "value", namesAndValues[i + 1]));
        }
        return Map.of("environment", environment);
    }

    @Test
    void setsListsAndRemovesVariablesEachChangeANewRevision() throws Exception {
        create("test-env");
        asAdmin().get(variables("test-env")).then().statusCode(200).body("size()", equalTo(0));

        Map<String, Object> body = bulk("DATABASE_URL", "postgres://db/shop", "LOG_LEVEL", "info");
        assertThat(QUANT.violations(QUANT.schema("bulkSetEnvironmentVariables_request"),
                JSON.valueToTree(body))).isEmpty();
        asAdmin().body(body).put(variables("test-env")).then().statusCode(200)
                .body("DATABASE_URL", equalTo("postgres://db/shop"))
                .body("LOG_LEVEL", equalTo("info"));
        assertThat(eventually(() -> active("test-env"))).isTrue();
        assertThat(revision("test-env")).isEqualTo(2);

        asAdmin().body(Map.of("value", "debug")).put(variables("test-env") + "/LOG_LEVEL").then().statusCode(200)
                .body("name", equalTo("LOG_LEVEL"))
                .body("value", equalTo("debug"));
        assertThat(eventually(() -> active("test-env"))).isTrue();
        asAdmin().body(Map.of("value", "")).put(variables("test-env") + "/FEATURE_X").then().statusCode(200);
        assertThat(eventually(() -> active("test-env"))).isTrue();
        Response listed = asAdmin().get(variables("test-env"));
        listed.then().statusCode(200);
        JsonNode now = JSON.readTree(listed.asString());
        List<String> names = new ArrayList<>();
        now.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("DATABASE_URL", "LOG_LEVEL", "FEATURE_X");
        assertThat(now.path("LOG_LEVEL").asText()).isEqualTo("debug");
        assertThat(now.path("FEATURE_X").asText()).isEqualTo("");
        assertThat(revision("test-env")).isEqualTo(4);

        asAdmin().delete(variables("test-env") + "/DATABASE_URL").then().statusCode(204);
        assertThat(eventually(() -> active("test-env"))).isTrue();
        asAdmin().get(variables("test-env")).then().body("DATABASE_URL", nullValue()).body("size()", equalTo(2));
        assertThat(revision("test-env")).isEqualTo(5);

        asAdmin().body(Map.of("environment", List.of())).put(variables("test-env")).then().statusCode(200)
                .body("size()", equalTo(0));
        assertThat(eventually(() -> active("test-env"))).isTrue();
        asAdmin().get(variables("test-env")).then().body("size()", equalTo(0));
        // The compose is not where the variables live.
        asAdmin().get(envs() + "/test-env/compose").then().body("containers[0].environment", nullValue());
    }

    @Test
    void answers404ForAnUnknownVariableOrEnvironment() {
        create("dev");
        assertError(asAdmin().delete(variables("dev") + "/MISSING"), 404, "NotFoundError")
                .body("message", containsString("MISSING"));
        assertError(asAdmin().get(variables("nope")), 404, "NotFoundError");
        assertError(asAdmin().body(bulk("A", "b")).put(variables("nope")), 404, "NotFoundError");
        assertError(asAdmin().body(Map.of("value", "b")).put(variables("nope") + "/A"), 404, "NotFoundError");
        assertError(asAdmin().delete(variables("nope") + "/A"), 404, "NotFoundError");
        assertThat(revision("dev")).isEqualTo(1);
    }

    @Test
    void refusesNamesThatAreNotEnvironmentVariableNamesNamingTheField() {
        create("dev");
        Response bad = asAdmin().body(bulk("1ST", "x", "WITH-DASH", "x", "OK", "x", "OK", "y", "", "x"))
                .put(variables("dev"));
        assertError(bad, 400, "ValidationError");
        assertThat(detailPaths(bad)).containsExactly("/environment/0/name", "/environment/1/name",
                "/environment/3/name", "/environment/4/name");

        Response noValue = asAdmin().body(Map.of("environment", List.of(Map.of("name", "A")))).put(variables("dev"));
        assertError(noValue, 400, "ValidationError");
        assertThat(detailPaths(noValue)).containsExactly("/environment/0/value");
        Response missing = asAdmin().body(Map.of()).put(variables("dev"));
        assertThat(detailPaths(assertValidation(missing))).containsExactly("/environment");
        Response unknown = asAdmin().body(Map.of("environment", List.of(), "merge", true)).put(variables("dev"));
        assertThat(detailPaths(assertValidation(unknown))).containsExactly("/merge");

        Response badPath = asAdmin().body(Map.of("value", "x")).put(variables("dev") + "/NOT-A-NAME");
        assertError(badPath, 400, "ValidationError").body("details[0].message", containsString("environment variable name"));
        Response nullValue = asAdmin().body(new LinkedHashMap<>(java.util.Collections.singletonMap("value", null)))
                .put(variables("dev") + "/A");
        assertThat(detailPaths(assertValidation(nullValue))).containsExactly("/value");
        asAdmin().get(variables("dev")).then().body("size()", equalTo(0));
        assertThat(revision("dev")).isEqualTo(1);
    }

    private static Response assertValidation(Response response) {
        assertError(response, 400, "ValidationError");
        return response;
    }

    @Test
    void aFailedRollOutPutsTheVariablesBack() {
        create("dev");
        asAdmin().body(bulk("A", "1")).put(variables("dev")).then().statusCode(200);
        assertThat(eventually(() -> active("dev"))).isTrue();

        cloud.setFailOn(List.of("RegisterTaskDefinition"));
        asAdmin().body(bulk("A", "2", "B", "3")).put(variables("dev")).then().statusCode(200);
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(envs() + "/dev").then()
                .body("deploymentStatus", equalTo("FAILED"))
                .body("deploymentFailureType", equalTo("CHANGE_FAILED"));
        asAdmin().get(variables("dev")).then().body("A", equalTo("1")).body("size()", equalTo(1));
        assertThat(revision("dev")).isEqualTo(2);
    }

    @Test
    void isRefusedWhileTheEnvironmentIsUpdatingButABadNameIsStillA400() {
        create("dev");
        cloud.setLatency(Duration.ofMillis(1500));
        asAdmin().body(bulk("A", "1")).put(variables("dev")).then().statusCode(200);
        assertError(asAdmin().body(Map.of("value", "2")).put(variables("dev") + "/A"), 409, "EnvironmentBusyError");
        assertError(asAdmin().body(bulk("9", "1")).put(variables("dev")), 400, "ValidationError");
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(variables("dev")).then().body("A", equalTo("1"));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyIsReplayed() {
        create("dev");
        String key = unique("key");
        asAdmin().header("Idempotency-Key", key).body(bulk("A", "1")).put(variables("dev"))
                .then().statusCode(200).header("Idempotent-Replayed", nullValue());
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().header("Idempotency-Key", key).body(bulk("A", "1")).put(variables("dev"))
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("A", equalTo("1"));
        assertThat(revision("dev")).isEqualTo(2);
        assertError(asAdmin().header("Idempotency-Key", key).body(bulk("A", "2")).put(variables("dev")), 422,
                "IdempotencyKeyMismatch");
    }

    @Test
    void valuesAreNeverWrittenToTheLog() {
        create("dev");
        String secret = "s3cret-" + unique("v");
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        line.append(' ').append(parameter);
                    }
                }
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(' ').append(t);
                }
                synchronized (lines) {
                    lines.add(line.toString());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            asAdmin().body(bulk("TOKEN", secret)).put(variables("dev")).then().statusCode(200);
            assertThat(eventually(() -> active("dev"))).isTrue();
            cloud.setFailOn(List.of("UpdateService"));
            asAdmin().body(Map.of("value", secret + "-2")).put(variables("dev") + "/TOKEN").then().statusCode(200);
            assertThat(eventually(() -> active("dev"))).isTrue();
            asAdmin().body(bulk("BAD-NAME", secret)).put(variables("dev")).then().statusCode(400);
            asAdmin().body(Map.of("value", 12)).put(variables("dev") + "/TOKEN").then().statusCode(400);
        } finally {
            root.removeHandler(capture);
        }
        synchronized (lines) {
            assertThat(lines).isNotEmpty();
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(secret));
        }
    }

    @Test
    void aCreateStartsWithTheEnvironmentItSends() {
        Map<String, Object> body = request("dev", compose(container("web")));
        body.putAll(bulk("DATABASE_URL", "postgres://db/shop", "LOG_LEVEL", "info"));
        body.put("mergeEnvironment", false);
        assertThat(QUANT.violations(QUANT.schema("createEnvironment_request"), JSON.valueToTree(body))).isEmpty();
        asAdmin().body(body).post(envs()).then().statusCode(201).body("taskDefinition.revision", equalTo(1));
        asAdmin().get(variables("dev")).then().statusCode(200)
                .body("DATABASE_URL", equalTo("postgres://db/shop"))
                .body("LOG_LEVEL", equalTo("info"));

        Map<String, Object> bad = request("qa", compose(container("web")));
        bad.putAll(bulk("LOG-LEVEL", "info", "A", "1", "A", "2"));
        Response refused = asAdmin().body(bad).post(envs());
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/environment/0/name", "/environment/2/name");
        assertError(asAdmin().get(envs() + "/qa"), 404, "NotFoundError");
    }

    @Test
    void aCloneReplacesOrMergesTheClonedVariables() {
        Map<String, Object> source = request("dev", compose(container("web")));
        source.putAll(bulk("A", "1", "B", "2"));
        asAdmin().body(source).post(envs()).then().statusCode(201);

        Map<String, Object> merged = new LinkedHashMap<>(Map.of("envName", "merged", "cloneConfigurationFrom", "dev",
                "mergeEnvironment", true));
        merged.putAll(bulk("B", "3", "C", "4"));
        asAdmin().body(merged).post(envs()).then().statusCode(201);
        assertThat(names(variables("merged"))).containsExactly("A=1", "B=3", "C=4");

        Map<String, Object> replaced = new LinkedHashMap<>(Map.of("envName", "replaced", "cloneConfigurationFrom", "dev"));
        replaced.putAll(bulk("C", "4"));
        asAdmin().body(replaced).post(envs()).then().statusCode(201);
        assertThat(names(variables("replaced"))).containsExactly("C=4");

        asAdmin().body(Map.of("envName", "plain", "cloneConfigurationFrom", "dev", "mergeEnvironment", false))
                .post(envs()).then().statusCode(201);
        assertThat(names(variables("plain"))).containsExactly("A=1", "B=2");
        assertThat(names(variables("dev"))).containsExactly("A=1", "B=2");
    }

    private static List<String> names(String url) {
        try {
            JsonNode listed = JSON.readTree(asAdmin().get(url).then().statusCode(200).extract().asString());
            List<String> pairs = new ArrayList<>();
            listed.fields().forEachRemaining(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
            return pairs;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
