package io.paddock.provisioning;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static io.paddock.testing.Environments.compose;
import static io.paddock.testing.Environments.container;
import static io.paddock.testing.Environments.path;
import static io.paddock.testing.Environments.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.Api;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Request;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingAsyncClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalingPolicy;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * Scaling policies and container updates with the aws provider, against the protocol-level AWS double: the real
 * SDK clients over real HTTP. Every test also fails if Vert.x reports a blocked thread.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsScalingPolicyTest {

    @Inject
    ProvisioningTestSupport support;

    @Inject
    ScalingPort scaling;

    @Inject
    ContainerPort containers;

    @Inject
    ApplicationAutoScalingAsyncClient autoScaling;

    AwsDouble aws;
    BlockedThreads blocked;
    private final String app = Api.unique("scale");

    @BeforeEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
        blocked = BlockedThreads.listen();
        blocked.clear();
    }

    @AfterEach
    void noEventLoopWasBlocked() {
        aws.reset();
        assertThat(blocked.warnings()).as("Vert.x reported a blocked thread").isEmpty();
    }

    private String envs() {
        return path("acme", app);
    }

    private String policies() {
        return envs() + "/dev/scaling-policies";
    }

    /** web exposes 8080 (a target group on the shared listener); worker runs beside it. */
    private Response createDev() {
        Map<String, Object> web = container("web");
        web.put("exposedPorts", List.of(8080));
        Map<String, Object> body = request("dev", compose(web, container("worker")));
        body.put("minCapacity", 1);
        body.put("maxCapacity", 3);
        Response created = asAdmin().body(body).post(envs());
        created.then().statusCode(201);
        return created;
    }

    private static Map<String, Object> policy(String metric, double targetValue) {
        Map<String, Object> body = new HashMap<>();
        body.put("metric", metric);
        body.put("targetValue", targetValue);
        return body;
    }

    private UUID environmentId() {
        return aws.inventory("security-group").stream()
                .filter(g -> app.equals(g.tags().get("paddock:application")))
                .map(g -> UUID.fromString(g.tags().get("paddock:environment-id")))
                .findFirst().orElseThrow();
    }

    private List<ScalingPolicy> described(String resourceId) {
        return autoScaling.describeScalingPolicies(describe -> describe.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(resourceId)).join().scalingPolicies();
    }

    private List<String> ledgerPolicies(UUID id) {
        return support.ledger(id).stream().filter(row -> row.getString("kind").equals("SCALING_POLICY"))
                .map(row -> row.getString("provider_id")).toList();
    }

    @Test
    void mapsEachMetricToATargetTrackingPolicyOnTheServicesScalableTarget() {
        Response created = createDev();
        String serviceName = created.path("service.name");
        String targetGroupArn = created.path("loadBalancer.targetGroupArn");
        String resourceId = "service/paddock-test/" + serviceName;

        asAdmin().body(policy("CPUUtilization", 70)).put(policies()).then().statusCode(200);
        Map<String, Object> memory = policy("MemoryUtilization", 62.5);
        memory.put("scaleInCooldownSeconds", 600);
        memory.put("scaleOutCooldownSeconds", 0);
        asAdmin().body(memory).put(policies()).then().statusCode(200);
        asAdmin().body(policy("RPS", 1200)).put(policies()).then().statusCode(200).body("policyName", equalTo("paddock-rps"));

        List<JsonNode> puts = aws.requests("PutScalingPolicy").stream().map(Request::body).toList();
        assertThat(puts).hasSize(3);
        for (JsonNode put : puts) {
            assertThat(put.path("ServiceNamespace").asText()).isEqualTo("ecs");
            assertThat(put.path("ResourceId").asText()).isEqualTo(resourceId);
            assertThat(put.path("ScalableDimension").asText()).isEqualTo("ecs:service:DesiredCount");
            assertThat(put.path("PolicyType").asText()).isEqualTo("TargetTrackingScaling");
        }
        JsonNode cpu = puts.get(0);
        assertThat(cpu.path("PolicyName").asText()).isEqualTo("paddock-cpu-utilization");
        JsonNode cpuTracking = cpu.path("TargetTrackingScalingPolicyConfiguration");
        assertThat(cpuTracking.path("TargetValue").asDouble()).isEqualTo(70.0);
        assertThat(cpuTracking.path("ScaleInCooldown").asInt()).isEqualTo(300);
        assertThat(cpuTracking.path("ScaleOutCooldown").asInt()).isEqualTo(60);
        assertThat(cpuTracking.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText())
                .isEqualTo("ECSServiceAverageCPUUtilization");
        assertThat(cpuTracking.path("PredefinedMetricSpecification").has("ResourceLabel")).isFalse();

        JsonNode memoryTracking = puts.get(1).path("TargetTrackingScalingPolicyConfiguration");
        assertThat(puts.get(1).path("PolicyName").asText()).isEqualTo("paddock-memory-utilization");
        assertThat(memoryTracking.path("TargetValue").asDouble()).isEqualTo(62.5);
        assertThat(memoryTracking.path("ScaleInCooldown").asInt()).isEqualTo(600);
        assertThat(memoryTracking.path("ScaleOutCooldown").asInt()).isEqualTo(0);
        assertThat(memoryTracking.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText())
                .isEqualTo("ECSServiceAverageMemoryUtilization");

        JsonNode rpsTracking = puts.get(2).path("TargetTrackingScalingPolicyConfiguration");
        assertThat(rpsTracking.path("TargetValue").asDouble()).isEqualTo(1200.0);
        assertThat(rpsTracking.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText())
                .isEqualTo("ALBRequestCountPerTarget");
        String targetGroup = targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);
        assertThat(rpsTracking.path("PredefinedMetricSpecification").path("ResourceLabel").asText())
                .isEqualTo("app/shared/50dc6c495c0c9188/" + targetGroup)
                .matches("app/shared/50dc6c495c0c9188/targetgroup/[^/]+/[0-9a-f]{16}");

        List<ScalingPolicy> inAws = described(resourceId);
        assertThat(inAws).extracting(ScalingPolicy::policyName)
                .containsExactlyInAnyOrder("paddock-cpu-utilization", "paddock-memory-utilization", "paddock-rps");
        assertThat(inAws).extracting(ScalingPolicy::policyARN)
                .containsExactlyInAnyOrderElementsOf(ledgerPolicies(environmentId()));
    }

    @Test
    void puttingAMetricAgainReplacesThePolicyUnderTheSameArn() {
        String resourceId = "service/paddock-test/" + createDev().path("service.name");
        asAdmin().body(policy("CPUUtilization", 70)).put(policies()).then().statusCode(200);
        asAdmin().body(policy("CPUUtilization", 45)).put(policies()).then().statusCode(200);

        List<ScalingPolicy> inAws = described(resourceId);
        assertThat(inAws).hasSize(1);
        assertThat(inAws.get(0).targetTrackingScalingPolicyConfiguration().targetValue()).isEqualTo(45.0);
        assertThat(ledgerPolicies(environmentId())).containsExactly(inAws.get(0).policyARN());
    }

    @Test
    void deletesAPolicyWithDeleteScalingPolicy() {
        String resourceId = "service/paddock-test/" + createDev().path("service.name");
        asAdmin().body(policy("CPUUtilization", 70)).put(policies()).then().statusCode(200);
        asAdmin().body(policy("RPS", 100)).put(policies()).then().statusCode(200);

        asAdmin().queryParam("policyName", "paddock-cpu-utilization").delete(policies()).then().statusCode(204);

        List<Request> deletes = aws.requests("DeleteScalingPolicy");
        assertThat(deletes).hasSize(1);
        JsonNode delete = deletes.get(0).body();
        assertThat(delete.path("PolicyName").asText()).isEqualTo("paddock-cpu-utilization");
        assertThat(delete.path("ResourceId").asText()).isEqualTo(resourceId);
        assertThat(delete.path("ServiceNamespace").asText()).isEqualTo("ecs");
        assertThat(delete.path("ScalableDimension").asText()).isEqualTo("ecs:service:DesiredCount");
        assertThat(described(resourceId)).extracting(ScalingPolicy::policyName).containsExactly("paddock-rps");
        assertThat(ledgerPolicies(environmentId())).hasSize(1);
        asAdmin().get(policies()).then().body("policies.policyName", equalTo(List.of("paddock-rps")));
    }

    @Test
    void aRefusedPutScalingPolicyAnswers502AndLeavesNothing() {
        String resourceId = "service/paddock-test/" + createDev().path("service.name");
        aws.fail("PutScalingPolicy", 400, "LimitExceededException", "Too many policies", 1);

        assertError(asAdmin().body(policy("CPUUtilization", 70)).put(policies()), 502, "ProvisioningFailed")
                .body("message", containsString("PutScalingPolicy"))
                .body("message", containsString("LimitExceededException"));

        assertThat(described(resourceId)).isEmpty();
        assertThat(ledgerPolicies(environmentId())).isEmpty();
        asAdmin().get(policies()).then().body("policies.size()", equalTo(0));
        asAdmin().get(envs() + "/dev").then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void theDoubleRefusesAsAwsDoes() {
        Response created = createDev();
        String resourceId = "service/paddock-test/" + created.path("service.name");
        String targetGroupArn = created.path("loadBalancer.targetGroupArn");
        String targetGroup = targetGroupArn.substring(targetGroupArn.indexOf(":targetgroup/") + 1);

        ProvisioningTestSupport.Outcome<ScalingPort.ScalingPolicy> noTarget = support.run(() -> scaling.putScalingPolicy(
                new ScalingPort.PutScalingPolicy("service/paddock-test/no-such-service", "paddock-cpu-utilization",
                        "ECSServiceAverageCPUUtilization", null, 50, 300, 60)));
        assertThat(noTarget.failure()).isInstanceOfSatisfying(ProviderException.class,
                failure -> assertThat(failure.code()).isEqualTo("ObjectNotFoundException"));

        ProvisioningTestSupport.Outcome<ScalingPort.ScalingPolicy> otherBalancer = support.run(() -> scaling.putScalingPolicy(
                new ScalingPort.PutScalingPolicy(resourceId, "paddock-rps", "ALBRequestCountPerTarget",
                        "app/other/0123456789abcdef/" + targetGroup, 50, 300, 60)));
        assertThat(otherBalancer.failure()).isInstanceOfSatisfying(ProviderException.class,
                failure -> assertThat(failure.code()).isEqualTo("ValidationException"));

        ProvisioningTestSupport.Outcome<ScalingPort.ScalingPolicy> unknownGroup = support.run(() -> scaling.putScalingPolicy(
                new ScalingPort.PutScalingPolicy(resourceId, "paddock-rps", "ALBRequestCountPerTarget",
                        "app/shared/50dc6c495c0c9188/targetgroup/not-attached/0123456789abcdef", 50, 300, 60)));
        assertThat(unknownGroup.failure()).isInstanceOfSatisfying(ProviderException.class,
                failure -> assertThat(failure.code()).isEqualTo("ValidationException"));

        ProvisioningTestSupport.Outcome<Void> unknownPolicy = support.run(() -> scaling.deleteScalingPolicy(resourceId,
                "paddock-memory-utilization"));
        assertThat(unknownPolicy.failure()).isInstanceOfSatisfying(ProviderException.class, failure -> {
            assertThat(failure.code()).isEqualTo("ObjectNotFoundException");
            assertThat(failure.isNotFound()).isTrue();
        });
        assertThat(described(resourceId)).isEmpty();
    }

    @Test
    void deregisteringTheScalableTargetDeletesItsPoliciesAndTeardownStillCompletes() {
        createDev();
        UUID id = environmentId();
        String resourceId = aws.inventory("scalable-target").stream()
                .filter(t -> id.toString().equals(t.tags().get("paddock:environment-id")))
                .findFirst().orElseThrow().name();
        asAdmin().body(policy("MemoryUtilization", 60)).put(policies()).then().statusCode(200);
        assertThat(described(resourceId)).hasSize(1);

        support.await(() -> containers.deregisterScalableTarget(resourceId));
        assertThat(described(resourceId)).isEmpty();

        asAdmin().delete(envs() + "/dev").then().statusCode(204);
        eventually(() -> aws.inventory(id).isEmpty() && support.ledger(id).isEmpty(), "teardown of " + id);
    }

    @Test
    void deletingTheEnvironmentLeavesNoScalingPolicyBehind() {
        String resourceId = "service/paddock-test/" + createDev().path("service.name");
        UUID id = environmentId();
        asAdmin().body(policy("CPUUtilization", 70)).put(policies()).then().statusCode(200);
        asAdmin().body(policy("RPS", 300)).put(policies()).then().statusCode(200);
        aws.reset();

        asAdmin().delete(envs() + "/dev").then().statusCode(204);

        eventually(() -> aws.inventory(id).isEmpty() && support.ledger(id).isEmpty(), "teardown of " + id);
        assertThat(described(resourceId)).isEmpty();
        List<String> order = aws.requests().stream().map(Request::operation)
                .filter(op -> op.equals("DeleteScalingPolicy") || op.equals("DeregisterScalableTarget")).toList();
        assertThat(order).containsExactly("DeleteScalingPolicy", "DeleteScalingPolicy", "DeregisterScalableTarget");
    }

    @Test
    void putsAContainerAsANewTaskDefinitionRevisionAndUpdatesTheService() {
        Response created = createDev();
        String serviceArn = created.path("service.arn");
        Map<String, Object> worker = container("worker");
        worker.put("imageReference", Map.of("type", "internal", "identifier", "worker-v2"));
        worker.put("command", List.of("run", "--queue", "jobs"));

        asAdmin().body(worker).put(envs() + "/dev/containers/worker").then().statusCode(200)
                .body("imageReference.identifier", equalTo("worker-v2"));
        eventually(() -> "ACTIVE".equals(asAdmin().get(envs() + "/dev").path("status"))
                && !aws.requests("UpdateService").isEmpty(), "the roll-out");

        List<Request> registrations = aws.requests("RegisterTaskDefinition");
        assertThat(registrations).as("the create's revision and the update's").hasSize(2);
        JsonNode registered = registrations.get(1).body();
        JsonNode definitions = registered.path("containerDefinitions");
        assertThat(definitions.size()).isEqualTo(2);
        JsonNode web = definitions.get(0);
        JsonNode changed = definitions.get(1);
        assertThat(web.path("image").asText()).isEqualTo(AwsDoubleResource.REGISTRY + "/acme/" + app + ":web-latest");
        assertThat(changed.path("name").asText()).isEqualTo("worker");
        assertThat(changed.path("image").asText()).isEqualTo(AwsDoubleResource.REGISTRY + "/acme/" + app + ":worker-v2");
        assertThat(changed.path("command").toString()).isEqualTo("[\"run\",\"--queue\",\"jobs\"]");

        List<Request> updates = aws.requests("UpdateService");
        JsonNode update = updates.get(updates.size() - 1).body();
        assertThat(update.path("service").asText()).isEqualTo(serviceArn);
        assertThat(update.path("taskDefinition").asText()).endsWith(":2");
        asAdmin().get(envs() + "/dev").then().body("taskDefinition.revision", equalTo(2));
        asAdmin().get(envs() + "/dev/compose").then().body("containers[1].command", equalTo(List.of("run", "--queue", "jobs")));
    }

    private static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
