package io.paddock.environments;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.CloudOperation;
import io.paddock.testing.EnvironmentRows;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every validation rule of the create call, each reported with its JSON pointer, and nothing stored. */
@QuarkusTest
class EnvironmentValidationTest {

    @Inject
    LocalCloudSettings cloud;

    @Inject
    EnvironmentRows rows;

    @AfterEach
    void cloudAnswersAtOnce() {
        cloud.setLatency(Duration.ZERO);
    }


    private static final String C0 = "/composeDefinition/containers/0";

    private final String app = unique("val");

    private Response create(Map<String, Object> body) {
        return asAdmin().body(body).post(path("acme", app));
    }

    /** Sends a one-container request after the change and returns the pointers of the 400's details. */
    private List<String> problemsWith(Consumer<Map<String, Object>> changeContainer) {
        Map<String, Object> web = container("web");
        changeContainer.accept(web);
        Response response = create(request(unique("env"), compose(web)));
        assertError(response, 400, "ValidationError");
        return detailPaths(response);
    }

    private List<String> problemsWithBody(Map<String, Object> body) {
        Response response = create(body);
        assertError(response, 400, "ValidationError");
        return detailPaths(response);
    }

    @Test
    void envNameIsRequiredAndMustBeAName() {
        Map<String, Object> body = request(null, compose(container("web")));
        body.remove("envName");
        assertThat(problemsWithBody(body)).containsExactly("/envName");
        assertThat(problemsWithBody(request("has space", compose(container("web"))))).containsExactly("/envName");
        assertThat(problemsWithBody(request("x".repeat(64), compose(container("web"))))).containsExactly("/envName");
        assertThat(problemsWithBody(request("dot.ted", compose(container("web"))))).containsExactly("/envName");
    }

    @Test
    void containerNameAndImageReferenceFollowTheContract() {
        assertThat(problemsWith(c -> c.put("name", "web!"))).containsExactly(C0 + "/name");
        assertThat(problemsWith(c -> c.remove("name"))).containsExactly(C0 + "/name");
        assertThat(problemsWith(c -> c.remove("imageReference"))).containsExactly(C0 + "/imageReference");
        assertThat(problemsWith(c -> c.put("imageReference", Map.of("type", "docker", "identifier", "x"))))
                .containsExactly(C0 + "/imageReference/type");
        assertThat(problemsWith(c -> c.put("imageReference", Map.of("type", "external"))))
                .containsExactly(C0 + "/imageReference/identifier");
    }

    @Test
    void imageSuffixMustBeLowerCaseDnsLike() {
        for (String suffix : List.of("Bad", "-lead", "trail-", "under_score", "")) {
            Map<String, Object> body = request(unique("env"), compose(container("web")));
            body.put("imageSuffix", suffix);
            assertThat(problemsWithBody(body)).as(suffix).containsExactly("/imageSuffix");
        }
    }

    @Test
    void healthCheckBoundsAreTheContracts() {
        Map<String, Integer> tooLow = Map.of("interval", 4, "timeout", 1, "retries", 0, "startPeriod", -1);
        Map<String, Integer> tooHigh = Map.of("interval", 301, "timeout", 61, "retries", 11, "startPeriod", 301);
        for (Map<String, Integer> values : List.of(tooLow, tooHigh)) {
            Map<String, Object> hc = new HashMap<>(values);
            hc.put("command", List.of("CMD", "true"));
            assertThat(problemsWith(c -> c.put("healthCheck", hc))).containsExactlyInAnyOrder(
                    C0 + "/healthCheck/interval", C0 + "/healthCheck/timeout", C0 + "/healthCheck/retries",
                    C0 + "/healthCheck/startPeriod");
        }
        assertThat(problemsWith(c -> c.put("healthCheck", Map.of("interval", 10)))).containsExactly(C0 + "/healthCheck/command");
    }

    @Test
    void dependsOnNamesAnotherContainerWithAKnownConditionAndNoCycle() {
        assertThat(problemsWith(c -> c.put("dependsOn", List.of(Map.of("containerName", "db", "condition", "READY")))))
                .containsExactlyInAnyOrder(C0 + "/dependsOn/0/condition", C0 + "/dependsOn/0/containerName");
        assertThat(problemsWith(c -> c.put("dependsOn", List.of(Map.of("containerName", "web")))))
                .containsExactly(C0 + "/dependsOn/0/containerName");
        assertThat(problemsWith(c -> c.put("dependsOn", List.of(Map.of("condition", "START")))))
                .containsExactly(C0 + "/dependsOn/0/containerName");

        Map<String, Object> a = container("a");
        Map<String, Object> b = container("b");
        Map<String, Object> d = container("d");
        a.put("dependsOn", List.of(Map.of("containerName", "b")));
        b.put("dependsOn", List.of(Map.of("containerName", "d")));
        d.put("dependsOn", List.of(Map.of("containerName", "a")));
        Response response = create(request(unique("env"), compose(a, b, d)));
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).hasSize(1).first().asString().endsWith("/dependsOn");
    }

    @Test
    void mountPointsNeedAVolumeAndAnAbsolutePath() {
        assertThat(problemsWith(c -> c.put("mountPoints", List.of(Map.of("readOnly", true)))))
                .containsExactlyInAnyOrder(C0 + "/mountPoints/0/sourceVolume", C0 + "/mountPoints/0/containerPath");
        assertThat(problemsWith(c -> c.put("mountPoints", List.of(Map.of("sourceVolume", "files", "containerPath", "data")))))
                .containsExactly(C0 + "/mountPoints/0/containerPath");
    }

    @Test
    void environmentEntriesAndSecretsNeedBothFields() {
        assertThat(problemsWith(c -> {
            c.put("environment", List.of(Map.of("name", "A"), Map.of("value", "v")));
            c.put("secrets", List.of(Map.of("name", "S"), Map.of("valueFrom", "k")));
        })).containsExactlyInAnyOrder(C0 + "/environment/0/value", C0 + "/environment/1/name",
                C0 + "/secrets/0/valueFrom", C0 + "/secrets/1/name");
    }

    @Test
    void containerNamesAreUniqueAndPortsValidAndUnique() {
        Response response = create(request(unique("env"), compose(container("web"), container("web"))));
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactly("/composeDefinition/containers/1/name");

        assertThat(problemsWith(c -> c.put("exposedPorts", List.of(0, 65536, 80, 80)))).containsExactlyInAnyOrder(
                C0 + "/exposedPorts/0", C0 + "/exposedPorts/1", C0 + "/exposedPorts/3");

        Map<String, Object> one = container("one");
        Map<String, Object> two = container("two");
        one.put("exposedPorts", List.of(8080));
        two.put("exposedPorts", List.of(8080));
        response = create(request(unique("env"), compose(one, two)));
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactly("/composeDefinition/containers/1/exposedPorts/0");
    }

    @Test
    void cpuAndMemoryArePositiveWithReservationWithinMemory() {
        assertThat(problemsWith(c -> {
            c.put("cpu", 0);
            c.put("memory", -5);
        })).containsExactlyInAnyOrder(C0 + "/cpu", C0 + "/memory");
        assertThat(problemsWith(c -> {
            c.put("memory", 256);
            c.put("memoryReservation", 512);
        })).containsExactly(C0 + "/memoryReservation");
    }

    @Test
    void architectureAndTaskSizeFollowFargate() {
        Map<String, Object> compose = compose(container("web"));
        compose.put("architecture", "SPARC");
        assertThat(problemsWithBody(request(unique("env"), compose))).containsExactly("/composeDefinition/architecture");

        compose = compose(container("web"));
        compose.put("taskCpu", 300);
        assertThat(problemsWithBody(request(unique("env"), compose))).containsExactly("/composeDefinition/taskCpu");

        compose = compose(container("web"));
        compose.put("taskCpu", 256);
        compose.put("taskMemory", 4096);
        assertThat(problemsWithBody(request(unique("env"), compose))).containsExactly("/composeDefinition/taskMemory");

        Map<String, Object> big = container("web");
        big.put("cpu", 1024);
        compose = compose(big);
        compose.put("taskCpu", 512);
        compose.put("taskMemory", 1024);
        assertThat(problemsWithBody(request(unique("env"), compose))).containsExactly("/composeDefinition/taskCpu");

        Map<String, Object> huge = container("web");
        huge.put("memory", 200_000);
        assertThat(problemsWithBody(request(unique("env"), compose(huge)))).containsExactly("/composeDefinition/taskCpu");
    }

    @Test
    void capacityBoundsAtTopLevelAndInTheCompose() {
        Map<String, Object> body = request(unique("env"), compose(container("web")));
        body.put("minCapacity", -1);
        body.put("maxCapacity", 0);
        assertThat(problemsWithBody(body)).containsExactlyInAnyOrder("/minCapacity", "/maxCapacity");

        body = request(unique("env"), compose(container("web")));
        body.put("minCapacity", 3);
        body.put("maxCapacity", 2);
        assertThat(problemsWithBody(body)).containsExactly("/minCapacity");

        Map<String, Object> compose = compose(container("web"));
        compose.put("minCapacity", 5);
        compose.put("maxCapacity", 4);
        assertThat(problemsWithBody(request(unique("env"), compose))).containsExactly("/composeDefinition/minCapacity");
    }

    @Test
    void atLeastOneContainerMustBeEssential() {
        Map<String, Object> sidecar = container("sidecar");
        sidecar.put("essential", false);
        assertThat(problemsWithBody(request(unique("env"), compose(sidecar)))).containsExactly("/composeDefinition/containers");
        assertThat(problemsWithBody(request(unique("env"), compose()))).containsExactly("/composeDefinition/containers");
    }

    @Test
    void composeAndCloneAreMutuallyExclusiveAndOneIsRequired() {
        Map<String, Object> both = request(unique("env"), compose(container("web")));
        both.put("cloneConfigurationFrom", "staging");
        assertThat(problemsWithBody(both)).containsExactly("/cloneConfigurationFrom");

        Map<String, Object> neither = new HashMap<>(Map.of("envName", unique("env")));
        assertThat(problemsWithBody(neither)).containsExactly("/composeDefinition");
    }

    @Test
    void organisationAndApplicationSegmentsMustBeNames() {
        Response response = asAdmin().body(request(unique("env"), compose(container("web"))))
                .post("/api/v3/organizations/-acme/applications/" + "a".repeat(64) + "/environments");
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactlyInAnyOrder("organisation", "application");
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsStored() {
        Map<String, Object> web = container("web!");
        web.put("exposedPorts", List.of(0));
        web.put("healthCheck", Map.of("command", List.of("CMD", "true"), "interval", 1));
        web.put("mountPoints", List.of(Map.of("sourceVolume", "v", "containerPath", "relative")));
        Map<String, Object> compose = compose(web);
        compose.put("architecture", "MIPS");
        Map<String, Object> body = request("bad name", compose);
        body.put("imageSuffix", "UPPER");
        body.put("minCapacity", -2);
        Response response = create(body);
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactlyInAnyOrder("/envName", "/imageSuffix", "/minCapacity",
                "/composeDefinition/architecture", C0 + "/name", C0 + "/exposedPorts/0", C0 + "/healthCheck/interval",
                C0 + "/mountPoints/0/containerPath");

        asAdmin().get(path("acme", app)).then().statusCode(200).body("size()", org.hamcrest.Matchers.is(0));
    }

    @Test
    void wrongTypesAreReportedWithTheirPointers() {
        Map<String, Object> web = container("web");
        web.put("cpu", "256");
        web.put("essential", "yes");
        web.put("exposedPorts", List.of("80"));
        Map<String, Object> body = request(unique("env"), compose(web));
        body.put("minCapacity", 1.5);
        body.put("unknownField", true);
        Response response = create(body);
        assertError(response, 400, "ValidationError");
        assertThat(detailPaths(response)).containsExactlyInAnyOrder("/minCapacity", "/unknownField", C0 + "/cpu",
                C0 + "/essential", C0 + "/exposedPorts/0");
    }

    /** What is wrong with the request itself is a 400 whatever the environment is doing. */
    @Test
    void anInvalidUpdateIsRefusedAsInvalidEvenWhileAnotherUpdateRuns() {
        String envs = path("acme", unique("shop"));
        asAdmin().body(request("dev", compose(container("web")))).post(envs).then().statusCode(201);
        cloud.setLatency(CloudOperation.UPDATE_SERVICE, Duration.ofMillis(1500));
        asAdmin().body(Map.of("composeDefinition", compose(container("web")))).put(envs + "/dev").then().statusCode(202);

        // More than the environment's maxCapacity (1): only the stored environment tells.
        Response refused = asAdmin().body(Map.of("composeDefinition", compose(container("web")), "minCapacity", 3))
                .put(envs + "/dev");
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/minCapacity");
    }

    /** The name is the first label of the environment's host name, and host names know no case. */
    @Test
    void anEnvNameIsAHostNameLabel() {
        String envs = path("acme", unique("shop"));
        for (String name : List.of("Staging", "dev_1", "-dev", "dev-", "d".repeat(64), "dev.eu")) {
            Response refused = asAdmin().body(request(name, compose(container("web")))).post(envs);
            assertError(refused, 400, "ValidationError");
            assertThat(detailPaths(refused)).as(name).containsExactly("/envName");
        }
        asAdmin().body(request("d".repeat(63), compose(container("web")))).post(envs).then().statusCode(201);
        asAdmin().body(request("dev-1", compose(container("web")))).post(envs).then().statusCode(201);
    }

    @Test
    void namesAreUniqueInAnApplicationRegardlessOfCase() {
        String app = unique("shop");
        // An environment named before names had to be lower-case.
        java.util.UUID old = rows.seed(app, "Staging", "ACTIVE", java.util.UUID.randomUUID(), false);
        try {
            assertError(asAdmin().body(request("staging", compose(container("web")))).post(path("acme", app)), 409,
                    "NameExistsError");
        } finally {
            rows.remove(old);
        }
    }
    @Test
    void originProtectionConfigIsCheckedAsTheContractDescribesIt() {
        Map<String, Object> web = new LinkedHashMap<>(container("web"));
        web.put("originProtectionConfig", Map.of("ipAllow", List.of("10.0.0.0/8", "10.0.0.0/33", "300.1.2.3",
                "2001:db8::/129", "vpn.example.com", "::1"), "redirectHost", "https://www.example.com/"));
        Response refused = create(request("dev", compose(web)));
        refused.then().statusCode(400);
        String at = "/composeDefinition/containers/0/originProtectionConfig";
        assertThat(detailPaths(refused)).containsExactlyInAnyOrder(at + "/ipAllow/1", at + "/ipAllow/2",
                at + "/ipAllow/3", at + "/ipAllow/4", at + "/redirectHost");

        web.put("originProtectionConfig", Map.of("enabled", "yes"));
        assertThat(detailPaths(create(request("dev", compose(web)))))
                .containsExactly(at + "/enabled");
        Map<String, Object> flags = new LinkedHashMap<>(compose(container("web")));
        flags.put("enableCrossAppNetworking", "true");
        assertThat(detailPaths(create(request("dev", flags))))
                .containsExactly("/composeDefinition/enableCrossAppNetworking");
    }
}
