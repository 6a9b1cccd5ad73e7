package io.paddock.environments;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.detailPaths;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.ContractSchemas;
import io.paddock.testing.CronJobs;
import io.paddock.testing.EnvironmentRows;
import io.paddock.testing.Environments;
import io.paddock.testing.QuantAnswers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Paddock against Quant Cloud's environments contract, 4.19.0 ({@code contracts/} in the test resources). Every
 * answer any test receives on a Quant path is validated against it by {@link QuantAnswers}; this class checks that
 * check, sends what a 4.19 client sends (the contract's own examples, the Go SDK's defaults, explicit nulls for
 * nullable properties), and names the operations as the contract does.
 */
@QuarkusTest
class QuantContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractSchemas QUANT = ContractSchemas.quant();

    @Inject
    EnvironmentRows rows;

    @Inject
    CronJobs cronJobs;

    private final String app = unique("contract");

    private String envs() {
        return path("acme", app);
    }

    // ---- the check itself

    @Test
    void everyAnswerOnEitherSpellingIsChecked() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        long before = QuantAnswers.checked("getEnvironment");
        asAdmin().get(envs() + "/dev").then().statusCode(200);
        asAdmin().get("/api/v3/organisations/acme/applications/" + app + "/environments/dev").then().statusCode(200);
        assertThat(QuantAnswers.checked("getEnvironment")).isEqualTo(before + 2);
        long listed = QuantAnswers.checked("listEnvironments");
        asAdmin().get(envs()).then().statusCode(200);
        assertThat(QuantAnswers.checked("listEnvironments")).isEqualTo(listed + 1);
    }

    @Test
    void theCheckFindsWhatAStrictClientWouldRefuse() {
        String env = "/api/v3/organizations/acme/applications/shop/environments/dev";
        assertThat(QuantAnswers.problems("GET", env, 200, "{\"envName\": 7, \"deploymentStatus\": \"DONE\","
                + " \"volumes\": [{\"createdAt\": 1}]}"))
                .anySatisfy(p -> assertThat(p).contains("/envName"))
                .anySatisfy(p -> assertThat(p).contains("/deploymentStatus"))
                .anySatisfy(p -> assertThat(p).contains("/volumes/0/createdAt"));
        assertThat(QuantAnswers.problems("GET", env, 200, "{\"status\": \"ACTIVE\"}"))
                .anySatisfy(p -> assertThat(p).contains("envName"));
        assertThat(QuantAnswers.problems("GET", env, 200, "{\"envName\": \"dev\", \"createdAt\": \"2026-11-23T21:07Z\"}"))
                .anySatisfy(p -> assertThat(p).contains("/createdAt"));
        assertThat(QuantAnswers.problems("GET", env + "/scaling-policies", 200, "[]"))
                .anySatisfy(p -> assertThat(p).contains("listScalingPolicies"));
        assertThat(QuantAnswers.problems("DELETE", env + "/cron/nightly", 200, "{}"))
                .anySatisfy(p -> assertThat(p).contains("declares no 200"));
        // Paddock's own error (undeclared for the operation) needs the error body with Quant's errors beside it.
        String busy = "{\"id\": \"9c40958a-daac-400e-98fb-3bb438567008\", \"name\": \"EnvironmentBusyError\","
                + " \"message\": \"busy\", \"details\": []}";
        assertThat(QuantAnswers.problems("DELETE", env, 409, busy)).anySatisfy(p -> assertThat(p).contains("errors"));
        assertThat(QuantAnswers.problems("DELETE", "/api/v3/organisations/acme/applications/shop/environments/dev", 409,
                busy.replace("[]}", "[], \"errors\": {}}"))).isEmpty();
        assertThat(QuantAnswers.problems("GET", env + "/cron", 200, "[{\"name\": \"x\", \"command\": \"php\"}]"))
                .anySatisfy(p -> assertThat(p).startsWith("/0").contains("/command"));
    }

    // ---- answers

    @Test
    void environmentAnswersConformToTheEnvironmentSchemas() {
        Response created = asAdmin().body(Environments.resource("requests/create-environment-full.json")).post(envs());
        assertConforms(created, 201, QUANT.response("createEnvironment", 201));
        JsonNode environment = body(asAdmin().get(envs() + "/staging"), 200);
        assertThat(QUANT.violations(QUANT.response("getEnvironment", 200), environment)).isEmpty();
        assertThat(environment.path("deploymentStatus").asText()).isEqualTo("COMPLETED");
        assertThat(environment.has("publicIpAddress")).isTrue();
        assertThat(environment.path("publicIpAddress").isNull()).isTrue();
        assertThat(environment.path("containerNames")).extracting(JsonNode::asText).containsExactly("web", "migrate");
        assertThat(environment.path("albRouting").path("hostHeaders").get(0).asText())
                .isEqualTo(environment.path("loadBalancer").path("hostname").asText());
        JsonNode list = body(asAdmin().get(envs()), 200);
        list.forEach(item -> assertThat(QUANT.violations(QUANT.schema("EnvironmentSummary"), item)).isEmpty());
        assertConforms(asAdmin().get(envs() + "/staging/compose"), 200, QUANT.response("getEnvironmentCompose", 200));
    }

    @Test
    void aClonedEnvironmentConformsToo() {
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201);
        Response clone = asAdmin().body(Map.of("envName", "review", "cloneConfigurationFrom", "dev",
                "imageSuffix", "pr-7")).post(envs());
        assertConforms(clone, 201, QUANT.response("createEnvironment", 201));
    }

    @Test
    void volumesTakeTheContractsRequestAndConform() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        String volumes = envs() + "/dev/volumes";
        Map<String, Object> volume = new HashMap<>();
        volume.put("volumeName", "cache");
        volume.put("description", null);
        volume.put("rootDirectory", null);
        assertThat(QUANT.violations(QUANT.schema("createVolume_request"), JSON.valueToTree(volume))).isEmpty();
        assertConforms(asAdmin().body(volume).post(volumes), 201, QUANT.response("createVolume", 201));
        assertConforms(asAdmin().get(volumes + "/cache"), 200, QUANT.response("getVolume", 200));
        Map<String, Object> described = Map.of("volumeName", "files", "description", "uploads", "rootDirectory", "/uploads");
        assertThat(QUANT.violations(QUANT.schema("createVolume_request"), JSON.valueToTree(described))).isEmpty();
        JsonNode made = body(asAdmin().body(described).post(volumes), 201);
        assertThat(made.path("description").asText()).isEqualTo("uploads");
        assertThat(made.path("rootDirectory").asText()).isEqualTo("/uploads");

        // The contract declares one Volume for the list; Paddock answers an array of them.
        assertThat(body(asAdmin().get(volumes), 200)).hasSize(2);
    }

    @Test
    void aRefusedUpdateConformsToTheDeclaredErrorSchema() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        Response refused = asAdmin().body(Map.of("minCapacity", 1)).put(envs() + "/dev");
        assertConforms(refused, 400, QUANT.response("updateEnvironment", 400));
    }

    @Test
    void explicitNullsForNullablePropertiesAreAccepted() {
        Map<String, Object> web = new LinkedHashMap<>(container("web"));
        for (String nullable : List.of("cpu", "memory", "memoryReservation", "exposedPorts", "mountPoints",
                "environment", "secrets", "dependsOn", "command", "entryPoint", "workingDirectory", "essential",
                "readonlyRootFilesystem", "user", "originProtection", "healthCheck", "originProtectionConfig")) {
            web.put(nullable, null);
        }
        assertThat(QUANT.violations(QUANT.schema("Container"), JSON.valueToTree(web))).isEmpty();
        Map<String, Object> compose = new LinkedHashMap<>(compose(web));
        compose.put("enableCrossEnvNetworking", null);
        compose.put("enableCrossAppNetworking", null);
        assertThat(QUANT.violations(QUANT.schema("Compose"), JSON.valueToTree(compose))).isEmpty();
        Response created = asAdmin().body(request("dev", compose)).post(envs());
        assertConforms(created, 201, QUANT.response("createEnvironment", 201));

        Map<String, Object> update = new HashMap<>();
        update.put("composeDefinition", compose);
        update.put("minCapacity", null);
        update.put("maxCapacity", null);
        assertThat(QUANT.violations(QUANT.schema("updateEnvironment_request"), JSON.valueToTree(update))).isEmpty();
        asAdmin().body(update).put(envs() + "/dev").then().statusCode(202);
    }

    @Test
    void cronAnswersConformToTheCronAndCronRunSchemas() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        String cron = envs() + "/dev/cron";
        Map<String, Object> job = new HashMap<>(CronJobs.job("ticker", "rate(1 minute)", "tick", "--now"));
        job.put("description", null);
        job.put("targetContainerName", null);
        job.put("isEnabled", null);
        assertThat(QUANT.violations(QUANT.schema("createCronJob_request"), JSON.valueToTree(job))).isEmpty();
        assertConforms(asAdmin().body(job).post(cron), 201, QUANT.response("createCronJob", 201));
        JsonNode read = body(asAdmin().get(cron + "/ticker"), 200);
        assertThat(read.path("command")).extracting(JsonNode::asText).containsExactly("tick", "--now");
        Map<String, Object> patch = new HashMap<>();
        patch.put("description", "every minute");
        patch.put("scheduleExpression", null);
        patch.put("command", null);
        patch.put("targetContainerName", null);
        patch.put("isEnabled", null);
        assertThat(QUANT.violations(QUANT.schema("updateCronJob_request"), JSON.valueToTree(patch))).isEmpty();
        assertConforms(asAdmin().body(patch).patch(cron + "/ticker"), 200, QUANT.response("updateCronJob", 200));

        JsonNode environment = body(asAdmin().get(envs() + "/dev"), 200);
        assertThat(environment.path("cron")).hasSize(1);
        JsonNode listed = environment.path("cron").get(0);
        assertThat(QUANT.violations(QUANT.schema("Cron"), listed)).isEmpty();
        assertThat(listed.path("command")).extracting(JsonNode::asText).containsExactly("tick", "--now");
        assertThat(listed.path("scheduleExpression").asText()).isEqualTo("rate(1 minute)");
        assertThat(listed.path("description").asText()).isEqualTo("every minute");

        cronJobs.shiftSchedule(CronJobs.localScheduleArn(rows.id(app, "dev"), "ticker"), 150);
        Response runs = asAdmin().get(cron + "/ticker/runs");
        assertConforms(runs, 200, QUANT.response("listCronJobRuns", 200));
        JsonNode ran = body(runs, 200);
        assertThat(ran).hasSize(2);
        assertThat(ran.get(1).path("output")).extracting(JsonNode::asText)
                .anySatisfy(line -> assertThat(line).contains("tick --now"))
                .anySatisfy(line -> assertThat(line).contains("exited with code 0"));
        String runId = ran.get(0).path("runId").asText();
        assertConforms(asAdmin().get(cron + "/ticker/runs/" + runId), 200, QUANT.response("getCronRun", 200));
    }

    @Test
    void containerAndScalingPolicyAnswersConformToTheirSchemas() {
        asAdmin().body(webWithVolume("dev")).post(envs()).then().statusCode(201);
        JsonNode containers = body(asAdmin().get(envs() + "/dev/containers"), 200);
        assertThat(containers).hasSize(1);
        containers.forEach(c -> assertThat(QUANT.violations(QUANT.schema("Container"), c)).isEmpty());

        Map<String, Object> web = new HashMap<>(JSON.convertValue(containers.get(0), Map.class));
        web.put("imageReference", Map.of("type", "internal", "identifier", "web-v2"));
        web.put("user", null);
        assertThat(QUANT.violations(QUANT.schema("Container"), JSON.valueToTree(web))).isEmpty();
        JsonNode replaced = body(asAdmin().body(web).put(envs() + "/dev/containers/web"), 200);
        assertThat(QUANT.violations(QUANT.schema("Container"), replaced)).isEmpty();

        ObjectNode policy = QUANT.example("SetScalingPolicyRequest");
        assertThat(eventually(() -> "ACTIVE".equals(asAdmin().get(envs() + "/dev").path("status")))).isTrue();
        assertConforms(asAdmin().body(policy.toString()).put(envs() + "/dev/scaling-policies"), 200,
                QUANT.response("upsertScalingPolicy", 200));
        Map<String, Object> rps = Map.of("metric", "RPS", "targetValue", 120.5);
        JsonNode stored = body(asAdmin().body(rps).put(envs() + "/dev/scaling-policies"), 200);
        assertThat(stored.path("resourceLabel").asText()).contains("targetgroup/");
        Response listed = asAdmin().get(envs() + "/dev/scaling-policies");
        assertConforms(listed, 200, QUANT.response("listScalingPolicies", 200));
        assertThat(body(listed, 200).path("policies")).hasSize(2);
        asAdmin().queryParam("metric", "RPS").delete(envs() + "/dev/scaling-policies").then().statusCode(204);
        assertThat(body(asAdmin().get(envs() + "/dev/scaling-policies"), 200).path("policies")).hasSize(1);
    }

    // ---- requests as 4.19 clients write them

    /**
     * The contract's example of a Compose is a generator's: its values are placeholders (two containers named
     * "name", cpu 0, a task of 3 CPU units, a relative mount path, "ipAllow" as an address). Every property of it is
     * known to Paddock: sent as it is, only those values are refused; with them replaced, it is created.
     */
    @Test
    void createsAnEnvironmentFromTheContractsOwnExample() {
        ObjectNode example = QUANT.example("Compose");
        Response refused = asAdmin().body(Map.of("envName", "example", "composeDefinition", example)).post(envs());
        refused.then().statusCode(400);
        assertThat(refused.jsonPath().getList("details.message", String.class))
                .noneSatisfy(message -> assertThat(message).contains("not a known property"));
        assertThat(detailPaths(refused)).contains("/composeDefinition/architecture", "/composeDefinition/taskCpu",
                "/composeDefinition/containers/0/cpu", "/composeDefinition/containers/1/name",
                "/composeDefinition/containers/0/mountPoints/0/containerPath",
                "/composeDefinition/containers/0/originProtectionConfig/ipAllow/0",
                "/composeDefinition/containers/0/dependsOn/0/containerName");

        example.put("architecture", "ARM64").put("taskCpu", 512).put("taskMemory", 1024);
        ArrayNode containers = (ArrayNode) example.get("containers");
        List<String> names = List.of("web", "worker");
        for (int i = 0; i < containers.size(); i++) {
            ObjectNode c = (ObjectNode) containers.get(i);
            c.put("name", names.get(i)).put("cpu", 256).put("memory", 512).put("memoryReservation", 256);
            c.set("exposedPorts", JSON.valueToTree(i == 0 ? List.of(8080) : List.of()));
            c.set("dependsOn", JSON.valueToTree(i == 0 ? List.of() : List.of(Map.of("containerName", "web",
                    "condition", "START"))));
            ((ObjectNode) c.get("mountPoints").get(0)).put("containerPath", "/var/data");
            ((ObjectNode) c.get("mountPoints").get(1)).put("containerPath", "/var/cache");
            ObjectNode protection = (ObjectNode) c.get("originProtectionConfig");
            protection.set("ipAllow", JSON.valueToTree(List.of("203.0.113.0/24", "2001:db8::/32")));
            protection.put("redirectHost", "www.example.com");
        }
        assertThat(QUANT.violations(QUANT.schema("Compose"), example)).isEmpty();
        Response created = asAdmin().body(Map.of("envName", "example", "composeDefinition", example)).post(envs());
        assertConforms(created, 201, QUANT.response("createEnvironment", 201));

        JsonNode stored = body(asAdmin().get(envs() + "/example/compose"), 200);
        assertThat(stored.path("enableCrossEnvNetworking").asBoolean(true)).isFalse();
        assertThat(stored.path("containers").get(0).path("originProtectionConfig"))
                .isEqualTo(example.path("containers").get(0).path("originProtectionConfig"));
    }

    /**
     * The 4.19 Go SDK's constructors fill in the contract's defaults: {@code NewCompose()} always sends both
     * networking flags, {@code NewContainer(name, image)} sends essential, readonlyRootFilesystem and
     * originProtection, {@code NewContainerOriginProtectionConfig()} sends enabled.
     */
    @Test
    void aCreateAsTheGoSdkWritesItAnswers201() {
        Map<String, Object> web = new LinkedHashMap<>();
        web.put("name", "web");
        web.put("imageReference", Map.of("type", "internal", "identifier", "web-latest"));
        web.put("exposedPorts", List.of(8080));
        web.put("essential", true);
        web.put("readonlyRootFilesystem", false);
        web.put("originProtection", false);
        web.put("originProtectionConfig", Map.of("enabled", true, "ipAllow", List.of("198.51.100.7"),
                "redirectHost", "shop.example.com"));
        Map<String, Object> compose = new LinkedHashMap<>();
        compose.put("containers", List.of(web));
        compose.put("enableCrossEnvNetworking", false);
        compose.put("enableCrossAppNetworking", false);
        Map<String, Object> create = Map.of("envName", "sdk", "composeDefinition", compose);
        assertThat(QUANT.violations(QUANT.schema("createEnvironment_request"), JSON.valueToTree(create))).isEmpty();

        assertConforms(asAdmin().body(create).post(envs()), 201, QUANT.response("createEnvironment", 201));
        JsonNode stored = body(asAdmin().get(envs() + "/sdk/compose"), 200);
        assertThat(stored.path("enableCrossEnvNetworking").isBoolean()).isTrue();
        assertThat(stored.path("enableCrossAppNetworking").isBoolean()).isTrue();
        assertThat(stored.path("containers").get(0).path("originProtectionConfig").path("ipAllow").get(0).asText())
                .isEqualTo("198.51.100.7");

        Map<String, Object> update = Map.of("composeDefinition", Map.of("containers", List.of(web),
                "enableCrossEnvNetworking", true, "enableCrossAppNetworking", false));
        asAdmin().body(update).put(envs() + "/sdk").then().statusCode(202);
        assertThat(eventually(() -> asAdmin().get(envs() + "/sdk/compose").jsonPath()
                .getBoolean("enableCrossEnvNetworking"))).isTrue();
    }

    @Test
    void aContainerFromTheContractsExampleReplacesOne() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        ObjectNode example = QUANT.example("Container");
        // Placeholders replaced, and what would change more than this container (ports, volumes, secrets) left out.
        example.put("name", "web").put("cpu", 256).put("memory", 512).put("memoryReservation", 256);
        example.set("exposedPorts", JSON.valueToTree(List.of()));
        example.set("dependsOn", JSON.valueToTree(List.of()));
        example.set("mountPoints", JSON.valueToTree(List.of()));
        example.set("secrets", JSON.valueToTree(List.of()));
        ((ObjectNode) example.get("originProtectionConfig")).set("ipAllow", JSON.valueToTree(List.of("10.0.0.0/8")));
        ((ObjectNode) example.get("originProtectionConfig")).put("redirectHost", "www.example.org");
        JsonNode replaced = body(asAdmin().body(example.toString()).put(envs() + "/dev/containers/web"), 200);
        assertThat(replaced.path("originProtectionConfig").path("ipAllow").get(0).asText()).isEqualTo("10.0.0.0/8");
    }

    // ---- the document

    /** Paddock's OpenAPI document names each operation it serves as the contract does. */
    @Test
    void paddocksOperationsAreTheContractsByName() throws Exception {
        JsonNode document = JSON.readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
        List<String> compared = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String concrete = path.getKey().replaceAll("\\{[^/]+}", "x");
            QUANT.operation(method.getKey(), concrete)
                    .filter(op -> op.template().replaceAll("\\{[^/]+}", "x").equals(concrete))
                    .ifPresent(op -> {
                        assertThat(method.getValue().path("operationId").asText())
                                .as(method.getKey() + " " + path.getKey()).isEqualTo(op.id());
                        compared.add(op.id());
                    });
        }));
        assertThat(compared).contains("createEnvironment", "listScalingPolicies", "upsertScalingPolicy",
                "deleteScalingPolicy", "createVolume", "listCronJobRuns");
    }

    private static void assertConforms(Response response, int status, JsonNode schema) {
        JsonNode body = body(response, status);
        assertThat(QUANT.violations(schema, body)).as("violations of the contract in %s", body).isEmpty();
    }

    private static JsonNode body(Response response, int status) {
        response.then().statusCode(status);
        try {
            return JSON.readTree(response.asString());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.asString(), e);
        }
    }
}
