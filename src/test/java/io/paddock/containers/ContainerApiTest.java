package io.paddock.containers;

import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The containers API with the local provider: listing, and replacing one container as an environment update. */
@QuarkusTest
class ContainerApiTest {

    @Inject
    LocalCloudSettings cloud;

    @Inject
    ProvisioningTestSupport support;

    private final String app = unique("cont");

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    private String envs() {
        return path("acme", app);
    }

    private String containers(String envName) {
        return envs() + "/" + envName + "/containers";
    }

    /** web (cpu 256, memory 512, port 8080) and worker (cpu 256, memory 512) in a 512 CPU / 1024 MiB task. */
    private void twoContainers(String envName) {
        Map<String, Object> web = container("web");
        web.put("cpu", 256);
        web.put("memory", 512);
        web.put("exposedPorts", List.of(8080));
        Map<String, Object> worker = container("worker");
        worker.put("cpu", 256);
        worker.put("memory", 512);
        asAdmin().body(request(envName, compose(web, worker))).post(envs()).then().statusCode(201)
                .body("taskDefinition.cpu", equalTo(512))
                .body("taskDefinition.memory", equalTo(1024));
    }

    private static Map<String, Object> worker(String image) {
        Map<String, Object> worker = container("worker");
        worker.put("imageReference", Map.of("type", "internal", "identifier", image));
        worker.put("cpu", 256);
        worker.put("memory", 512);
        return worker;
    }

    private boolean active(String envName) {
        return "ACTIVE".equals(asAdmin().get(envs() + "/" + envName).path("status"));
    }

    @Test
    void listsTheContainersAsStored() {
        twoContainers("dev");
        asAdmin().get(containers("dev")).then().statusCode(200)
                .body("name", equalTo(List.of("web", "worker")))
                .body("[0].exposedPorts", equalTo(List.of(8080)))
                .body("[1].essential", equalTo(true))
                .body("[1].readonlyRootFilesystem", equalTo(false));
        assertError(asAdmin().get(containers("nope")), 404, "NotFoundError");
    }

    @Test
    void replacesOneContainerAndRollsTheEnvironmentOut() {
        twoContainers("dev");
        Map<String, Object> changed = worker("worker-v2");
        changed.put("environment", List.of(Map.of("name", "QUEUE", "value", "jobs")));

        asAdmin().body(changed).put(containers("dev") + "/worker").then().statusCode(200)
                .body("name", equalTo("worker"))
                .body("imageReference.identifier", equalTo("worker-v2"))
                .body("environment[0].name", equalTo("QUEUE"))
                .body("essential", equalTo(true));

        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(envs() + "/dev").then().body("taskDefinition.revision", equalTo(2));
        asAdmin().get(envs() + "/dev/compose").then().statusCode(200)
                .body("containers.name", equalTo(List.of("web", "worker")))
                .body("containers[0].imageReference.identifier", equalTo("web-latest"))
                .body("containers[1].imageReference.identifier", equalTo("worker-v2"))
                .body("containers[1].environment[0].value", equalTo("jobs"))
                .body("taskCpu", equalTo(512))
                .body("taskMemory", equalTo(1024));
        asAdmin().get(containers("dev")).then().body("[1].imageReference.identifier", equalTo("worker-v2"));
    }

    @Test
    void answers404ForAnUnknownContainerOrEnvironment() {
        twoContainers("dev");
        assertError(asAdmin().body(worker("x")).put(containers("nope") + "/worker"), 404, "NotFoundError");
        Map<String, Object> cron = container("cron");
        assertError(asAdmin().body(cron).put(containers("dev") + "/cron"), 404, "NotFoundError")
                .body("message", containsString("cron"));
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("ACTIVE")).body("taskDefinition.revision", equalTo(1));
    }

    @Test
    void refusesABodyNamingAnotherContainer() {
        twoContainers("dev");
        Response renamed = asAdmin().body(worker("worker-v2")).put(containers("dev") + "/web");
        assertError(renamed, 400, "ValidationError").body("details[0].message", containsString("web"));
        assertThat(detailPaths(renamed)).containsExactly("/name");
    }

    @Test
    void reportsTheBodysOwnProblemsWithPointersIntoIt() {
        twoContainers("dev");
        Map<String, Object> bad = worker("worker-v2");
        bad.put("memory", -1);
        bad.put("exposedPorts", List.of(0));
        bad.put("imageReference", Map.of("type", "floppy", "identifier", "x"));
        bad.put("shell", "bash");
        Response unknown = asAdmin().body(bad).put(containers("dev") + "/worker");
        assertError(unknown, 400, "ValidationError");
        assertThat(detailPaths(unknown)).containsExactly("/shell");

        bad.remove("shell");
        Response refused = asAdmin().body(bad).put(containers("dev") + "/worker");
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/exposedPorts/0", "/imageReference/type", "/memory");
    }

    @Test
    void validatesTheContainerAgainstTheRestOfTheCompose() {
        twoContainers("dev");
        Map<String, Object> clash = worker("worker-v2");
        clash.put("exposedPorts", List.of(9090, 8080));
        clash.put("memory", 1024);
        clash.put("memoryReservation", 2048);
        clash.put("dependsOn", List.of(Map.of("containerName", "db")));
        clash.put("mountPoints", List.of(Map.of("sourceVolume", "files", "containerPath", "relative")));
        Response refused = asAdmin().body(clash).put(containers("dev") + "/worker");
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactlyInAnyOrder("/exposedPorts/1", "/memory", "/memoryReservation",
                "/dependsOn/0/containerName", "/mountPoints/0/containerPath");
        assertThat(refused.jsonPath().getString("details.find { it.path == '/memory' }.message")).contains("taskMemory 1024");

        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        web.put("essential", false);
        Map<String, Object> worker = worker("worker-latest");
        worker.put("essential", false);
        asAdmin().body(web).put(containers("dev") + "/web").then().statusCode(200);
        assertThat(eventually(() -> active("dev"))).isTrue();
        Response noneEssential = asAdmin().body(worker).put(containers("dev") + "/worker");
        assertError(noneEssential, 400, "ValidationError");
        assertThat(detailPaths(noneEssential)).containsExactly("/essential");
    }

    @Test
    void aPortTakenByALaterContainerIsPointedAtInTheBody() {
        twoContainers("dev");
        Map<String, Object> worker = worker("worker-latest");
        worker.put("exposedPorts", List.of(9090));
        asAdmin().body(worker).put(containers("dev") + "/worker").then().statusCode(200);
        assertThat(eventually(() -> active("dev"))).isTrue();

        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080, 9090));
        Response refused = asAdmin().body(web).put(containers("dev") + "/web");
        assertError(refused, 400, "ValidationError").body("details[0].message", containsString("worker"));
        assertThat(detailPaths(refused)).containsExactly("/exposedPorts/1");
    }

    @Test
    void isRefusedWhileTheEnvironmentIsUpdating() {
        twoContainers("dev");
        cloud.setLatency(Duration.ofMillis(1500));
        asAdmin().body(worker("worker-v2")).put(containers("dev") + "/worker").then().statusCode(200);
        assertError(asAdmin().body(worker("worker-v3")).put(containers("dev") + "/worker"), 409, "EnvironmentBusyError");
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(envs() + "/dev/compose").then().body("containers[1].imageReference.identifier", equalTo("worker-v2"));
    }

    /** What is wrong with the request itself is a 400 whatever the environment is doing. */
    @Test
    void anInvalidContainerIsRefusedAsInvalidEvenWhileTheEnvironmentIsUpdating() {
        twoContainers("dev");
        cloud.setLatency(Duration.ofMillis(1500));
        asAdmin().body(worker("worker-v2")).put(containers("dev") + "/worker").then().statusCode(200);
        Map<String, Object> tooBig = worker("worker-v3");
        tooBig.put("memory", 4096);
        Response refused = asAdmin().body(tooBig).put(containers("dev") + "/worker");
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/memory");
        assertThat(eventually(() -> active("dev"))).isTrue();
    }

    @Test
    void aFailedRollOutKeepsThePreviousContainer() {
        twoContainers("dev");
        cloud.setFailOn(List.of("RegisterTaskDefinition"));
        asAdmin().body(worker("worker-v2")).put(containers("dev") + "/worker").then().statusCode(200);
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().get(containers("dev")).then().body("[1].imageReference.identifier", equalTo("worker-latest"));
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyIsReplayed() {
        twoContainers("dev");
        String key = unique("key");
        asAdmin().header("Idempotency-Key", key).body(worker("worker-v2")).put(containers("dev") + "/worker")
                .then().statusCode(200).header("Idempotent-Replayed", nullValue());
        assertThat(eventually(() -> active("dev"))).isTrue();
        asAdmin().header("Idempotency-Key", key).body(worker("worker-v2")).put(containers("dev") + "/worker")
                .then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("imageReference.identifier", equalTo("worker-v2"));
        asAdmin().get(envs() + "/dev").then().body("taskDefinition.revision", equalTo(2));
        assertError(asAdmin().header("Idempotency-Key", key).body(worker("worker-v3")).put(containers("dev") + "/worker"),
                422, "IdempotencyKeyMismatch");
    }
}
