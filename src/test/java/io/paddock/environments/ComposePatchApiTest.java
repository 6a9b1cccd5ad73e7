package io.paddock.environments;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.ContractSchemas;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code PATCH .../compose} with the local provider: only what is sent changes, through the update's path. */
@QuarkusTest
class ComposePatchApiTest {

    private static final ContractSchemas QUANT = ContractSchemas.quant();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    LocalCloudSettings cloud;

    @Inject
    ProvisioningTestSupport support;

    private final String app = unique("patch");

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    private String envs() {
        return path("acme", app);
    }

    private String composeOf(String envName) {
        return envs() + "/" + envName + "/compose";
    }

    /** web (cpu 256, memory 512, port 8080, one variable) and worker, in a 512 CPU / 1024 MiB task. */
    private void create(String envName) {
        Map<String, Object> web = container("web");
        web.put("cpu", 256);
        web.put("memory", 512);
        web.put("exposedPorts", List.of(8080));
        web.put("environment", List.of(Map.of("name", "LOG_LEVEL", "value", "info")));
        Map<String, Object> worker = container("worker");
        worker.put("cpu", 256);
        worker.put("memory", 512);
        asAdmin().body(request(envName, compose(web, worker))).post(envs()).then().statusCode(201)
                .body("taskDefinition.cpu", equalTo(512));
    }

    private boolean active(String envName) {
        return "ACTIVE".equals(asAdmin().get(envs() + "/" + envName).path("status"));
    }

    private JsonNode stored(String envName) throws Exception {
        return JSON.readTree(asAdmin().get(composeOf(envName)).then().statusCode(200).extract().asString());
    }

    /**
     * The contract gives no example of the request, only of the answer: its top-level fields are sent as they are
     * (its containers are placeholders, and tolerateDowntime is not a property of the request). Its networking flags
     * are sent false: what they do is not this test's concern.
     */
    @Test
    void aPatchBuiltFromTheContractsExampleChangesOnlyWhatItSends() throws Exception {
        create("dev");
        JsonNode before = stored("dev");
        ObjectNode patch = QUANT.example("patchEnvironmentCompose_202_response");
        patch.remove("containers");
        ((ObjectNode) patch.get("spotConfiguration")).remove("tolerateDowntime");
        patch.put("enableCrossEnvNetworking", false).put("enableCrossAppNetworking", false);
        assertThat(QUANT.violations(QUANT.schema("patchEnvironmentCompose_request"), patch)).isEmpty();

        Response accepted = asAdmin().body(patch.toString()).patch(composeOf("dev"));
        accepted.then().statusCode(202)
                .body("architecture", equalTo("ARM64"))
                .body("taskCpu", equalTo("512"))
                .body("taskMemory", equalTo("2048"))
                .body("minCapacity", equalTo(1))
                .body("maxCapacity", equalTo(1))
                .body("spotConfiguration.strategy", equalTo("off"))
                .body("containers.name", equalTo(List.of("web", "worker")));

        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(envs() + "/dev").then().body("taskDefinition.revision", equalTo(2))
                .body("taskDefinition.memory", equalTo(2048));
        JsonNode after = stored("dev");
        assertThat(after.path("architecture").asText()).isEqualTo("ARM64");
        assertThat(after.path("taskMemory").asInt()).isEqualTo(2048);
        assertThat(after.path("containers")).isEqualTo(before.path("containers"));
    }

    @Test
    void containersReplaceEveryContainerAndNullsLeaveAFieldAsItIs() throws Exception {
        create("dev");
        Map<String, Object> api = container("api");
        api.put("exposedPorts", List.of(9000));
        Map<String, Object> patch = new HashMap<>();
        patch.put("containers", List.of(api));
        patch.put("architecture", null);
        patch.put("taskCpu", null);
        patch.put("maxCapacity", 3);
        assertThat(QUANT.violations(QUANT.schema("patchEnvironmentCompose_request"), JSON.valueToTree(patch))).isEmpty();

        asAdmin().body(patch).patch(composeOf("dev")).then().statusCode(202)
                .body("containers.name", equalTo(List.of("api")))
                .body("architecture", equalTo("X86_64"))
                .body("taskCpu", equalTo("512"))
                .body("maxCapacity", equalTo(3));
        assertThat(eventually(() -> active("dev"))).isTrue();
        JsonNode after = stored("dev");
        assertThat(after.path("containers")).hasSize(1);
        assertThat(after.path("containers").get(0).path("essential").asBoolean()).isTrue();
        assertThat(after.path("maxCapacity").asInt()).isEqualTo(3);
        asAdmin().get(envs() + "/dev").then().body("maxCapacity", equalTo(3)).body("containerNames", equalTo(List.of("api")));
    }

    @Test
    void anInvalidPatchIsA400NamingItsFieldsAndChangesNothing() throws Exception {
        create("dev");
        JsonNode before = stored("dev");
        Response unknown = asAdmin().body(Map.of("taskRole", "x", "containers", List.of(Map.of("name", "web",
                "imageReference", Map.of("type", "internal", "identifier", "web-v2"), "shell", "sh")))).patch(composeOf("dev"));
        assertError(unknown, 400, "ValidationError");
        assertThat(detailPaths(unknown)).containsExactlyInAnyOrder("/taskRole", "/containers/0/shell");

        Response badUnits = asAdmin().body(Map.of("taskCpu", "lots", "taskMemory", -2, "minCapacity", 3, "maxCapacity", 2))
                .patch(composeOf("dev"));
        assertError(badUnits, 400, "ValidationError");
        assertThat(detailPaths(badUnits)).containsExactly("/minCapacity", "/taskCpu", "/taskMemory");

        Response notFargate = asAdmin().body(Map.of("taskCpu", "4096")).patch(composeOf("dev"));
        assertError(notFargate, 400, "ValidationError");
        assertThat(detailPaths(notFargate)).containsExactly("/taskMemory");
        Response tooSmall = asAdmin().body(Map.of("maxCapacity", 0)).patch(composeOf("dev"));
        assertThat(detailPaths(tooSmall)).containsExactly("/maxCapacity");
        Response noContainers = asAdmin().body(Map.of("containers", List.of())).patch(composeOf("dev"));
        assertError(noContainers, 400, "ValidationError");
        assertThat(detailPaths(noContainers)).containsExactly("/containers");

        assertError(asAdmin().body(Map.of("maxCapacity", 2)).patch(composeOf("missing")), 404, "NotFoundError");
        assertThat(stored("dev")).isEqualTo(before);
        asAdmin().get(envs() + "/dev").then().body("taskDefinition.revision", equalTo(1));
    }

    @Test
    void whileAChangeRunsAValidPatchIs409AndAnInvalidOneStill400() {
        create("dev");
        cloud.setLatency(Duration.ofMillis(1500));
        asAdmin().body(Map.of("maxCapacity", 2)).patch(composeOf("dev")).then().statusCode(202);
        assertError(asAdmin().body(Map.of("maxCapacity", 3)).patch(composeOf("dev")), 409, "EnvironmentBusyError");
        assertError(asAdmin().body(Map.of("architecture", "SPARC")).patch(composeOf("dev")), 400, "ValidationError");
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(composeOf("dev")).then().body("maxCapacity", equalTo(2));
    }

    @Test
    void aFailedRollOutKeepsTheStoredCompose() throws Exception {
        create("dev");
        JsonNode before = stored("dev");
        cloud.setFailOn(List.of("RegisterTaskDefinition"));
        asAdmin().body(Map.of("architecture", "ARM64")).patch(composeOf("dev")).then().statusCode(202);
        assertThat(eventually(() -> active("dev"))).isTrue();
        assertThat(stored("dev")).isEqualTo(before);
        asAdmin().get(envs() + "/dev").then().body("deploymentStatus", equalTo("FAILED"));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyIsReplayed() {
        create("dev");
        String key = unique("key");
        asAdmin().header("Idempotency-Key", key).body(Map.of("maxCapacity", 2)).patch(composeOf("dev"))
                .then().statusCode(202).header("Idempotent-Replayed", nullValue());
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().header("Idempotency-Key", key).body(Map.of("maxCapacity", 2)).patch(composeOf("dev"))
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("maxCapacity", equalTo(2));
        asAdmin().get(envs() + "/dev").then().body("taskDefinition.revision", equalTo(2));
        assertError(asAdmin().header("Idempotency-Key", key).body(Map.of("maxCapacity", 3)).patch(composeOf("dev")), 422,
                "IdempotencyKeyMismatch");
    }
}
