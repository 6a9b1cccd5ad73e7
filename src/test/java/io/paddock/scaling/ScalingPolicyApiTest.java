package io.paddock.scaling;

import static io.paddock.testing.Environments.eventually;
import static io.paddock.testing.Api.as;
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
import static org.hamcrest.Matchers.startsWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ProviderException;
import io.paddock.provisioning.ProvisioningTestSupport;
import io.paddock.provisioning.ScalingPort;
import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.testing.Api;
import io.paddock.testing.EnvironmentRows;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Row;

/** The scaling policies API with the local provider: every call's success and error paths. */
@QuarkusTest
class ScalingPolicyApiTest {

    @Inject
    LocalCloudSettings cloud;

    @Inject
    LocalCloudCalls calls;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    EnvironmentRows rows;

    @Inject
    ScalingPort scaling;

    private final String app = unique("scale");

    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    private String envs() {
        return path("acme", app);
    }

    private String policies(String envName) {
        return envs() + "/" + envName + "/scaling-policies";
    }

    /** An environment whose web container exposes 8080, so it has a target group and can scale on RPS. */
    private UUID routed(String envName) {
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        Map<String, Object> body = request(envName, compose(web));
        body.put("minCapacity", 1);
        body.put("maxCapacity", 4);
        asAdmin().body(body).post(envs()).then().statusCode(201);
        return rows.id(app, envName);
    }

    private static Map<String, Object> policy(String metric, Object targetValue) {
        Map<String, Object> body = new HashMap<>();
        body.put("metric", metric);
        body.put("targetValue", targetValue);
        return body;
    }

    private List<Row> policyRows(UUID id) {
        return support.ledger(id).stream().filter(row -> row.getString("kind").equals("SCALING_POLICY")).toList();
    }

    private List<Row> inventoryPolicies(UUID id) {
        return support.inventory(id).stream().filter(row -> row.getString("type").equals("scaling-policy")).toList();
    }

    @Test
    void putsOnePolicyPerMetricAndListsThem() {
        UUID id = routed("dev");
        asAdmin().get(policies("dev")).then().statusCode(200).body("policies.size()", equalTo(0));

        asAdmin().body(policy("CPUUtilization", 70)).put(policies("dev")).then()
                .statusCode(200)
                .body("policyName", equalTo("paddock-cpu-utilization"))
                .body("metric", equalTo("CPUUtilization"))
                .body("targetValue", equalTo(70.0f))
                .body("scaleInCooldownSeconds", equalTo(300))
                .body("scaleOutCooldownSeconds", equalTo(60))
                .body("resourceLabel", nullValue());
        Map<String, Object> memory = policy("MemoryUtilization", 80.5);
        memory.put("scaleInCooldownSeconds", 0);
        memory.put("scaleOutCooldownSeconds", 3600);
        asAdmin().body(memory).put(policies("dev")).then().statusCode(200)
                .body("policyName", equalTo("paddock-memory-utilization"));
        asAdmin().body(policy("RPS", 1000)).put(policies("dev")).then().statusCode(200)
                .body("policyName", equalTo("paddock-rps"))
                .body("resourceLabel", startsWith("app/paddock/0a1b2c3d4e5f6071/targetgroup/"));

        Response listed = asAdmin().get(policies("dev"));
        listed.then().statusCode(200)
                .body("policies.policyName", equalTo(List.of("paddock-cpu-utilization", "paddock-memory-utilization",
                        "paddock-rps")))
                .body("policies[1].targetValue", equalTo(80.5f))
                .body("policies[1].scaleInCooldownSeconds", equalTo(0))
                .body("policies[1].scaleOutCooldownSeconds", equalTo(3600))
                .body("policies[2].resourceLabel", startsWith("app/paddock/0a1b2c3d4e5f6071/targetgroup/"));
        asAdmin().queryParam("metric", "MemoryUtilization").get(policies("dev")).then().statusCode(200)
                .body("policies.policyName", equalTo(List.of("paddock-memory-utilization")));
        asAdmin().queryParam("policyName", "paddock-rps").queryParam("metric", "RPS").get(policies("dev")).then()
                .body("policies.policyName", equalTo(List.of("paddock-rps")));
        asAdmin().queryParam("policyName", "paddock-rps").queryParam("metric", "CPUUtilization").get(policies("dev"))
                .then().body("policies.size()", equalTo(0));
        assertThat(policyRows(id)).extracting(row -> row.getString("name"))
                .containsExactly("paddock-cpu-utilization", "paddock-memory-utilization", "paddock-rps");
        assertThat(inventoryPolicies(id)).hasSize(3);
        Row rps = inventoryPolicies(id).stream().filter(row -> row.getString("name").equals("paddock-rps")).findFirst()
                .orElseThrow();
        assertThat(rps.getJsonObject("attributes").getString("predefinedMetricType")).isEqualTo("ALBRequestCountPerTarget");
        assertThat(rps.getJsonObject("attributes").getString("resourceLabel"))
                .startsWith("app/paddock/0a1b2c3d4e5f6071/targetgroup/");
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void puttingAMetricAgainReplacesItsPolicy() {
        UUID id = routed("dev");
        asAdmin().body(policy("CPUUtilization", 70)).put(policies("dev")).then().statusCode(200);
        String arn = policyRows(id).get(0).getString("provider_id");
        Map<String, Object> again = policy("CPUUtilization", 40);
        again.put("scaleInCooldownSeconds", 120);
        asAdmin().body(again).put(policies("dev")).then().statusCode(200).body("targetValue", equalTo(40.0f));

        asAdmin().get(policies("dev")).then()
                .body("policies.size()", equalTo(1))
                .body("policies[0].targetValue", equalTo(40.0f))
                .body("policies[0].scaleInCooldownSeconds", equalTo(120));
        assertThat(policyRows(id)).extracting(row -> row.getString("provider_id")).containsExactly(arn);
        assertThat(inventoryPolicies(id)).hasSize(1);
        assertThat(inventoryPolicies(id).get(0).getJsonObject("attributes").getDouble("targetValue")).isEqualTo(40.0);
    }

    @Test
    void deletesThePoliciesThatMatchTheQuery() {
        UUID id = routed("dev");
        for (String metric : List.of("CPUUtilization", "MemoryUtilization", "RPS")) {
            asAdmin().body(policy(metric, 70)).put(policies("dev")).then().statusCode(200);
        }

        asAdmin().queryParam("policyName", "paddock-cpu-utilization").delete(policies("dev")).then().statusCode(204);
        asAdmin().get(policies("dev")).then()
                .body("policies.policyName", equalTo(List.of("paddock-memory-utilization", "paddock-rps")));
        asAdmin().queryParam("metric", "RPS").delete(policies("dev")).then().statusCode(204);
        asAdmin().get(policies("dev")).then().body("policies.policyName", equalTo(List.of("paddock-memory-utilization")));
        assertThat(policyRows(id)).extracting(row -> row.getString("name")).containsExactly("paddock-memory-utilization");
        assertThat(inventoryPolicies(id)).extracting(row -> row.getString("name"))
                .containsExactly("paddock-memory-utilization");

        assertError(asAdmin().queryParam("policyName", "paddock-cpu-utilization").delete(policies("dev")), 404,
                "NotFoundError").body("message", containsString("paddock-cpu-utilization"));
        assertError(asAdmin().queryParam("metric", "RPS").queryParam("policyName", "paddock-memory-utilization")
                .delete(policies("dev")), 404, "NotFoundError");
        Response wrong = asAdmin().queryParam("metric", "DiskUtilization").queryParam("policyName", "a/b")
                .delete(policies("dev"));
        assertError(wrong, 400, "ValidationError");
        assertThat(detailPaths(wrong)).containsExactly("metric", "policyName");

        // Neither given: every policy goes; none left is done too.
        asAdmin().body(policy("CPUUtilization", 70)).put(policies("dev")).then().statusCode(200);
        asAdmin().delete(policies("dev")).then().statusCode(204);
        asAdmin().get(policies("dev")).then().body("policies.size()", equalTo(0));
        assertThat(policyRows(id)).isEmpty();
        assertThat(inventoryPolicies(id)).isEmpty();
        asAdmin().delete(policies("dev")).then().statusCode(204);
    }

    @Test
    void theDeprecatedDeleteByNameStillWorks() {
        UUID id = routed("dev");
        asAdmin().body(policy("CPUUtilization", 70)).put(policies("dev")).then().statusCode(200);
        asAdmin().body(policy("MemoryUtilization", 70)).put(policies("dev")).then().statusCode(200);

        asAdmin().delete(policies("dev") + "/paddock-cpu-utilization").then().statusCode(204);

        asAdmin().get(policies("dev")).then().body("policies.policyName", equalTo(List.of("paddock-memory-utilization")));
        assertThat(policyRows(id)).extracting(row -> row.getString("name")).containsExactly("paddock-memory-utilization");
        assertError(asAdmin().delete(policies("dev") + "/paddock-cpu-utilization"), 404, "NotFoundError")
                .body("message", containsString("paddock-cpu-utilization"));
        assertError(asAdmin().delete(policies("dev") + "/no-such-policy"), 404, "NotFoundError");
    }

    @Test
    void putsAPolicyUnderTheNameTheQueryGives() {
        UUID id = routed("dev");
        asAdmin().queryParam("policyName", "web-cpu").body(policy("CPUUtilization", 70)).put(policies("dev")).then()
                .statusCode(200).body("policyName", equalTo("web-cpu"));
        asAdmin().queryParam("policyName", "web-cpu").body(policy("CPUUtilization", 55)).put(policies("dev")).then()
                .statusCode(200).body("targetValue", equalTo(55.0f));
        asAdmin().get(policies("dev")).then().body("policies.policyName", equalTo(List.of("web-cpu")))
                .body("policies[0].targetValue", equalTo(55.0f));
        assertThat(policyRows(id)).extracting(row -> row.getString("name")).containsExactly("web-cpu");
        assertThat(inventoryPolicies(id)).extracting(row -> row.getString("name")).containsExactly("web-cpu");

        // A metric keeps the name its policy has; a name belongs to one metric's policy.
        assertError(asAdmin().body(policy("CPUUtilization", 60)).put(policies("dev")), 409, "NameExistsError")
                .body("message", containsString("web-cpu"));
        assertError(asAdmin().queryParam("policyName", "web-cpu").body(policy("MemoryUtilization", 60))
                .put(policies("dev")), 409, "NameExistsError");
        Response invalid = asAdmin().queryParam("policyName", "has space").body(policy("MemoryUtilization", 60))
                .put(policies("dev"));
        assertError(invalid, 400, "ValidationError");
        assertThat(detailPaths(invalid)).containsExactly("policyName");

        asAdmin().queryParam("policyName", "web-cpu").delete(policies("dev")).then().statusCode(204);
        assertThat(inventoryPolicies(id)).isEmpty();
    }

    @Test
    void reportsEveryProblemOfABodyWithItsPointer() {
        routed("dev");
        Map<String, Object> body = policy("DiskUtilization", 0);
        body.put("scaleInCooldownSeconds", -1);
        body.put("scaleOutCooldownSeconds", 3601);
        Response refused = asAdmin().body(body).put(policies("dev"));
        assertError(refused, 400, "ValidationError");
        assertThat(detailPaths(refused)).containsExactly("/metric", "/scaleInCooldownSeconds", "/scaleOutCooldownSeconds",
                "/targetValue");

        Response missing = asAdmin().body(Map.of()).put(policies("dev"));
        assertError(missing, 400, "ValidationError");
        assertThat(detailPaths(missing)).containsExactly("/metric", "/targetValue");

        Response wrongTypes = asAdmin().body(Map.of("metric", 1, "targetValue", "70", "scaleInCooldownSeconds", 1.5,
                "policyName", "mine")).put(policies("dev"));
        assertError(wrongTypes, 400, "ValidationError");
        assertThat(detailPaths(wrongTypes)).containsExactlyInAnyOrder("/metric", "/targetValue", "/scaleInCooldownSeconds",
                "/policyName");

        assertThat(detailPaths(asAdmin().body(policy("CPUUtilization", 100.5)).put(policies("dev"))))
                .containsExactly("/targetValue");
        assertThat(detailPaths(asAdmin().body(policy("MemoryUtilization", -3)).put(policies("dev"))))
                .containsExactly("/targetValue");
        assertThat(detailPaths(asAdmin().body(policy("RPS", 1_000_001)).put(policies("dev"))))
                .containsExactly("/targetValue");
        assertThat(detailPaths(asAdmin().body("{\"metric\": \"RPS\", \"targetValue\": 1e400}").put(policies("dev"))))
                .containsExactly("/targetValue");
        assertError(asAdmin().body("{\"metric\": \"RPS\",").put(policies("dev")), 400, "ValidationError");

        asAdmin().get(policies("dev")).then().body("policies.size()", equalTo(0));
        asAdmin().body(policy("CPUUtilization", 100)).put(policies("dev")).then().statusCode(200);
        asAdmin().body(policy("RPS", 1_000_000)).put(policies("dev")).then().statusCode(200);
    }

    @Test
    void refusesRequestCountsForAnEnvironmentWithoutAnExposedPort() {
        asAdmin().body(request("worker", compose(container("worker")))).post(envs()).then().statusCode(201);
        UUID id = rows.id(app, "worker");
        Response refused = asAdmin().body(policy("RPS", 100)).put(policies("worker"));
        assertError(refused, 400, "ValidationError").body("details[0].message", containsString("CPUUtilization"));
        assertThat(detailPaths(refused)).containsExactly("/metric");
        assertThat(policyRows(id)).isEmpty();
        asAdmin().get(envs() + "/worker").then().body("status", equalTo("ACTIVE"));

        asAdmin().body(policy("CPUUtilization", 50)).put(policies("worker")).then().statusCode(200);
    }

    @Test
    void theLocalCloudRefusesPoliciesAsApplicationAutoScalingDoes() {
        Response created = asAdmin().body(request("dev", compose(portOf(container("web"))))).post(envs());
        created.then().statusCode(201);
        String resourceId = "service/paddock/" + created.path("service.name");
        String targetGroupArn = created.path("loadBalancer.targetGroupArn");
        String targetGroup = targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);

        assertThat(refusal(new ScalingPort.PutScalingPolicy("service/paddock/no-such-service", "paddock-cpu-utilization",
                "ECSServiceAverageCPUUtilization", null, 50, 300, 60))).isEqualTo("ObjectNotFoundException");
        assertThat(refusal(new ScalingPort.PutScalingPolicy(resourceId, "paddock-rps", "ALBRequestCountPerTarget",
                "app/other/0123456789abcdef/" + targetGroup, 50, 300, 60))).isEqualTo("ValidationException");
        assertThat(refusal(new ScalingPort.PutScalingPolicy(resourceId, "paddock-rps", "ALBRequestCountPerTarget",
                null, 50, 300, 60))).isEqualTo("ValidationException");
        ProvisioningTestSupport.Outcome<Void> unknown = support.run(() -> scaling.deleteScalingPolicy(resourceId,
                "paddock-rps"));
        assertThat(unknown.failure()).isInstanceOfSatisfying(ProviderException.class,
                failure -> assertThat(failure.isNotFound()).isTrue());
        assertThat(inventoryPolicies(rows.id(app, "dev"))).isEmpty();

        assertThat(support.await(() -> scaling.putScalingPolicy(new ScalingPort.PutScalingPolicy(resourceId, "paddock-rps",
                "ALBRequestCountPerTarget", "app/paddock/0a1b2c3d4e5f6071/" + targetGroup, 50, 300, 60))).policyArn())
                .contains(":scalingPolicy:").endsWith(":resource/ecs/" + resourceId + ":policyName/paddock-rps");
    }

    private String refusal(ScalingPort.PutScalingPolicy request) {
        ProvisioningTestSupport.Outcome<ScalingPort.ScalingPolicy> outcome = support.run(() -> scaling.putScalingPolicy(request));
        assertThat(outcome.failure()).isInstanceOf(ProviderException.class);
        return ((ProviderException) outcome.failure()).code();
    }

    private static Map<String, Object> portOf(Map<String, Object> container) {
        container.put("exposedPorts", List.of(8080));
        return container;
    }

    @Test
    void answers404ForAnUnknownEnvironment() {
        assertError(asAdmin().get(policies("nope")), 404, "NotFoundError");
        assertError(asAdmin().body(policy("CPUUtilization", 50)).put(policies("nope")), 404, "NotFoundError");
        assertError(asAdmin().delete(policies("nope")), 404, "NotFoundError");
        assertError(asAdmin().delete(policies("nope") + "/paddock-cpu-utilization"), 404, "NotFoundError");
    }

    @Test
    void putsOnlyOnAnActiveEnvironment() {
        UUID id = routed("dev");
        asAdmin().body(policy("CPUUtilization", 50)).put(policies("dev")).then().statusCode(200);
        asAdmin().body(Map.of("action", "stop")).put(envs() + "/dev/state").then().statusCode(204);

        assertError(asAdmin().body(policy("MemoryUtilization", 50)).put(policies("dev")), 409, "EnvironmentNotActiveError");
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("STOPPED"));
        // A stopped environment's policy can still be deleted.
        asAdmin().queryParam("policyName", "paddock-cpu-utilization").delete(policies("dev")).then().statusCode(204);
        assertThat(policyRows(id)).isEmpty();

        rows.abandon(id, "UPDATING", false);
        assertError(asAdmin().body(policy("CPUUtilization", 50)).put(policies("dev")), 409, "EnvironmentBusyError");
        rows.abandon(id, "FAILED", false);
        assertError(asAdmin().body(policy("CPUUtilization", 50)).put(policies("dev")), 409, "EnvironmentFailedError");
    }

    @Test
    void aRefusedPutAnswers502AndStoresNothing() {
        UUID id = routed("dev");
        cloud.setFailOn(List.of("PutScalingPolicy"));
        assertError(asAdmin().body(policy("CPUUtilization", 50)).put(policies("dev")), 502, "ProvisioningFailed")
                .body("message", containsString("PutScalingPolicy"));

        asAdmin().get(policies("dev")).then().body("policies.size()", equalTo(0));
        assertThat(policyRows(id)).isEmpty();
        assertThat(inventoryPolicies(id)).isEmpty();
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void aRefusedDeleteAnswers502AndKeepsThePolicy() {
        UUID id = routed("dev");
        asAdmin().body(policy("CPUUtilization", 50)).put(policies("dev")).then().statusCode(200);
        cloud.setFailOn(List.of("DeleteScalingPolicy"));
        assertError(asAdmin().queryParam("metric", "CPUUtilization").delete(policies("dev")), 502, "ProvisioningFailed")
                .body("message", containsString("DeleteScalingPolicy"));

        asAdmin().get(policies("dev")).then().body("policies.policyName", equalTo(List.of("paddock-cpu-utilization")));
        assertThat(policyRows(id)).hasSize(1);
        assertThat(inventoryPolicies(id)).hasSize(1);
    }

    @Test
    void deletingTheEnvironmentDeletesItsPoliciesBeforeItsScalableTarget() {
        UUID id = routed("dev");
        asAdmin().body(policy("CPUUtilization", 50)).put(policies("dev")).then().statusCode(200);
        asAdmin().body(policy("RPS", 500)).put(policies("dev")).then().statusCode(200);
        calls.clear();

        asAdmin().delete(envs() + "/dev").then().statusCode(204);

        assertThat(eventually(() -> support.ledger(id).isEmpty() && support.inventory(id).isEmpty())).isTrue();
        List<String> operations = calls.forEnvironment(id).stream().map(LocalCloudCalls.Call::operation).toList();
        assertThat(operations).contains("DeleteScalingPolicy", "DeregisterScalableTarget");
        assertThat(operations.lastIndexOf("DeleteScalingPolicy")).isLessThan(operations.indexOf("DeregisterScalableTarget"));
    }

    @Test
    void aTokenOfAnotherEnvironmentHasNoAccess() {
        routed("dev");
        String token = Api.token("acme", "prod");
        assertError(as(token).get(policies("dev")), 403, "NoAccessError");
        assertError(as(token).body(policy("CPUUtilization", 50)).put(policies("dev")), 403, "NoAccessError");
        assertError(as(token).delete(policies("dev")), 403, "NoAccessError");
        assertError(as(token).delete(policies("dev") + "/paddock-cpu-utilization"), 403, "NoAccessError");
        assertError(io.restassured.RestAssured.given().get(policies("dev")), 401, "AuthenticationRequired");
    }

    @Test
    void isServedUnderTheOrganisationsSpellingToo() {
        routed("dev");
        asAdmin().body(policy("CPUUtilization", 50))
                .put("/api/v3/organisations/acme/applications/" + app + "/environments/dev/scaling-policies")
                .then().statusCode(200);
        asAdmin().get("/api/v3/organisations/acme/applications/" + app + "/environments/dev/scaling-policies")
                .then().statusCode(200).body("policies.size()", equalTo(1));
        asAdmin().delete("/api/v3/organisations/acme/applications/" + app + "/environments/dev/scaling-policies")
                .then().statusCode(204);
    }

    @Test
    void theOpenApiDocumentNamesTheContractsOperations() {
        String base = "paths.'/api/v3/organizations/{organisation}/applications/{application}/environments/{environment}";
        io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .body(base + "/scaling-policies'.get.operationId", equalTo("listScalingPolicies"))
                .body(base + "/scaling-policies'.put.operationId", equalTo("upsertScalingPolicy"))
                .body(base + "/scaling-policies'.delete.operationId", equalTo("deleteScalingPolicy"))
                .body(base + "/scaling-policies/{policyName}'.delete.operationId", equalTo("deleteScalingPolicyByName"))
                .body(base + "/scaling-policies/{policyName}'.delete.deprecated", equalTo(true))
                .body(base + "/containers'.get.operationId", equalTo("listContainers"))
                .body(base + "/containers/{container}'.put.operationId", equalTo("updateContainer"))
                .body(base + "/scaling-policies'.put.requestBody.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/SetScalingPolicyRequest"))
                .body(base + "/scaling-policies'.get.responses.'200'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/ScalingPolicyListResponse"));
    }
}
