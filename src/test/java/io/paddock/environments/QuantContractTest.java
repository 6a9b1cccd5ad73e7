package io.paddock.environments;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.unique;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static io.paddock.testing.Environments.webWithVolume;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.paddock.testing.ContractSchemas;
import io.paddock.testing.CronJobs;
import io.paddock.testing.EnvironmentRows;
import io.paddock.testing.Environments;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Paddock's answers checked against the official OpenAPI extract of the Quant Cloud environments API, the way
 * a generated client or a schema validator reads them, and requests written the way such a client writes
 * them (explicit nulls for nullable properties it was not given) accepted.
 */
@QuarkusTest
class QuantContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ContractSchemas QUANT = ContractSchemas.load("contracts/quant-cloud-environments-openapi.yaml");

    @Inject
    EnvironmentRows rows;

    @Inject
    CronJobs cronJobs;

    private final String app = unique("contract");

    private String envs() {
        return path("acme", app);
    }

    @Test
    void environmentAnswersConformToTheEnvironmentSchema() {
        Response created = asAdmin().body(Environments.resource("requests/create-environment-full.json")).post(envs());
        assertConforms(created, 201, QUANT.response("createEnvironment", 201));
        assertConforms(asAdmin().get(envs() + "/staging"), 200, QUANT.response("getEnvironment", 200));
        assertConforms(asAdmin().get(envs()), 200, QUANT.response("listEnvironments", 200));
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
    void volumeAnswersConformToTheVolumeSchema() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        String volumes = envs() + "/dev/volumes";
        Response created = asAdmin().body(Map.of("volumeName", "cache")).post(volumes);
        assertConforms(created, 201, QUANT.response("createVolume", 201));
        assertConforms(asAdmin().get(volumes + "/cache"), 200, QUANT.response("getVolume", 200));

        // The extract declares one Volume for the list; Paddock answers an array of them.
        JsonNode list = body(asAdmin().get(volumes), 200);
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        list.forEach(volume -> assertThat(QUANT.violations(QUANT.schema("Volume"), volume)).isEmpty());
    }

    @Test
    void aRefusedUpdateConformsToTheDeclaredErrorSchema() {
        asAdmin().body(request("dev", compose(container("web")))).post(envs()).then().statusCode(201);
        Response refused = asAdmin().body(Map.of("minCapacity", 1)).put(envs() + "/dev");
        assertConforms(refused, 400, QUANT.response("updateEnvironment", 400));
    }

    @Test
    void explicitNullsForNullableContainerPropertiesAreAccepted() {
        Map<String, Object> web = new LinkedHashMap<>(container("web"));
        for (String nullable : List.of("cpu", "memory", "memoryReservation", "exposedPorts", "mountPoints",
                "environment", "secrets", "dependsOn", "command", "entryPoint", "workingDirectory", "essential",
                "readonlyRootFilesystem", "user", "originProtection", "healthCheck")) {
            web.put(nullable, null);
        }
        assertThat(QUANT.violations(QUANT.schema("Container"), JSON.valueToTree(web))).isEmpty();
        Response created = asAdmin().body(request("dev", compose(web))).post(envs());
        assertConforms(created, 201, QUANT.response("createEnvironment", 201));

        Map<String, Object> update = new HashMap<>();
        update.put("composeDefinition", compose(web));
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
        assertConforms(asAdmin().get(cron + "/ticker"), 200, QUANT.response("getCronJob", 200));
        Map<String, Object> patch = new HashMap<>();
        patch.put("description", "every minute");
        patch.put("scheduleExpression", null);
        patch.put("command", null);
        patch.put("targetContainerName", null);
        patch.put("isEnabled", null);
        assertThat(QUANT.violations(QUANT.schema("updateCronJob_request"), JSON.valueToTree(patch))).isEmpty();
        assertConforms(asAdmin().body(patch).patch(cron + "/ticker"), 200, QUANT.response("updateCronJob", 200));

        // The extract declares one Cron for the list; Paddock answers an array of them.
        JsonNode list = body(asAdmin().get(cron), 200);
        assertThat(list).hasSize(1);
        list.forEach(item -> assertThat(QUANT.violations(QUANT.schema("Cron"), item)).isEmpty());
        JsonNode environment = body(asAdmin().get(envs() + "/dev"), 200);
        assertThat(QUANT.violations(QUANT.response("getEnvironment", 200), environment)).isEmpty();
        assertThat(environment.path("cron")).hasSize(1);

        cronJobs.shiftSchedule(CronJobs.localScheduleArn(rows.id(app, "dev"), "ticker"), 150);
        Response runs = asAdmin().get(cron + "/ticker/runs");
        assertConforms(runs, 200, QUANT.response("listCronJobRuns", 200));
        assertThat(body(runs, 200)).hasSize(2);
        String runId = runs.path("[0].runId");
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

        Map<String, Object> policy = Map.of("metric", "RPS", "targetValue", 120.5);
        assertThat(QUANT.violations(QUANT.schema("ScalingPolicy"), JSON.valueToTree(policy))).isEmpty();
        assertThat(io.paddock.testing.Environments.eventually(
                () -> "ACTIVE".equals(asAdmin().get(envs() + "/dev").path("status")))).isTrue();
        JsonNode stored = body(asAdmin().body(policy).put(envs() + "/dev/scaling-policies"), 200);
        assertThat(QUANT.violations(QUANT.schema("ScalingPolicy"), stored)).isEmpty();
        JsonNode policies = body(asAdmin().get(envs() + "/dev/scaling-policies"), 200);
        assertThat(policies).hasSize(1);
        policies.forEach(p -> assertThat(QUANT.violations(QUANT.schema("ScalingPolicy"), p)).isEmpty());
    }

    @Test
    void theCheckerFindsWhatAStrictClientWouldRefuse() {
        JsonNode wrong = JSON.valueToTree(Map.of("envName", 7, "volumes", List.of(Map.of("volumeId", "x",
                "description", "d", "createdAt", 1))));
        List<String> problems = QUANT.violations(QUANT.schema("Environment"), wrong);
        assertThat(problems).containsExactlyInAnyOrder("/envName: number, but the schema is string",
                "/volumes/0/createdAt: number, but the schema is string");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("envName", "dev");
        withNull.put("imageSuffix", null);
        assertThat(QUANT.violations(QUANT.schema("Environment"), JSON.valueToTree(withNull)))
                .containsExactly("/imageSuffix: null, but the schema is a non-nullable string");
        assertThat(QUANT.violations(QUANT.schema("Environment"), JSON.valueToTree(Map.of("status", "x"))))
                .containsExactly("/: the required property envName is missing");
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
