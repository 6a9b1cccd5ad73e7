package io.paddock.provisioning;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.paddock.provisioning.ProvisioningTestSupport.Outcome;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.paddock.provisioning.local.LocalInventory;
import io.paddock.provisioning.local.LocalResourceType;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

@QuarkusTest
class OrchestratorCreateTest {

    private static final String REGION_ACCOUNT = "eu-west-1:123456789012";

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    LocalCloudSettings settings;

    @Inject
    LocalInventory inventory;

    @Inject
    Pool pool;

    @BeforeEach
    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    @Test
    void createsEveryResourceOfTheGraphAndRecordsEachInTheLedger() {
        EnvironmentPlan plan = Plans.web();

        Provisioned made = support.await(() -> provisioning.create(plan));

        List<String> kinds = support.ledgerKinds(plan.environmentId());
        assertEquals(12, kinds.size(), kinds.toString());
        assertEquals(List.of("ACCESS_POINT", "FILE_SYSTEM", "LISTENER_RULE", "LOG_GROUP", "MOUNT_TARGET", "SCALABLE_TARGET",
                "SECURITY_GROUP", "SECURITY_GROUP_INGRESS", "SECURITY_GROUP_INGRESS", "SERVICE", "TARGET_GROUP",
                "TASK_DEFINITION"), kinds.stream().sorted().toList());
        assertEquals(List.of("access-point", "file-system", "listener-rule", "log-group", "mount-target", "scalable-target",
                "security-group", "security-group-rule", "security-group-rule", "service", "target-group",
                "task-definition"), support.inventoryTypes(plan.environmentId()));

        assertMatches("sg-[0-9a-f]{17}", made.securityGroup().id());
        assertEquals(List.of(8080), made.securityGroup().ingressPorts());
        assertMatches("arn:aws:elasticloadbalancing:" + REGION_ACCOUNT + ":targetgroup/[a-z0-9-]{1,32}/[0-9a-f]{16}",
                made.loadBalancer().targetGroupArn());
        assertMatches("arn:aws:elasticloadbalancing:" + REGION_ACCOUNT
                + ":listener-rule/app/paddock/[0-9a-f]{16}/[0-9a-f]{16}/[0-9a-f]{16}", made.loadBalancer().listenerRuleArn());
        assertEquals(plan.envName() + ".shop.acme.apps.paddock.local", made.loadBalancer().hostname());
        assertEquals("web", made.loadBalancer().containerName());
        assertEquals(8080, made.loadBalancer().containerPort());
        assertMatches("fs-[0-9a-f]{17}", made.fileSystem().id());
        assertMatches("arn:aws:elasticfilesystem:" + REGION_ACCOUNT + ":file-system/fs-[0-9a-f]{17}", made.fileSystem().arn());
        assertEquals(1, made.fileSystem().mountTargetIds().size());
        assertMatches("fsmt-[0-9a-f]{17}", made.fileSystem().mountTargetIds().get(0));
        assertEquals(1, made.volumes().size());
        assertEquals("files", made.volumes().get(0).volumeName());
        assertMatches("fsap-[0-9a-f]{17}", made.volumes().get(0).accessPointId());
        assertMatches("arn:aws:elasticfilesystem:" + REGION_ACCOUNT + ":access-point/fsap-[0-9a-f]{17}",
                made.volumes().get(0).accessPointArn());
        assertEquals(made.fileSystem().id(), made.volumes().get(0).fileSystemId());
        assertMatches("arn:aws:ecs:" + REGION_ACCOUNT + ":task-definition/acme-shop-" + plan.envName() + "-[0-9a-f]{8}:1",
                made.taskDefinition().arn());
        assertEquals(1, made.taskDefinition().revision());
        assertEquals(256, made.taskDefinition().cpu());
        assertMatches("arn:aws:ecs:" + REGION_ACCOUNT + ":service/paddock/acme-shop-" + plan.envName() + "-[0-9a-f]{8}",
                made.service().arn());
        assertEquals("arn:aws:ecs:" + REGION_ACCOUNT + ":cluster/paddock", made.service().cluster());
        assertMatches("vpc-[0-9a-f]{17}", made.vpc().id());
        assertMatches("subnet-[0-9a-f]{17}", made.subnet().ids().get(0));
    }

    @Test
    void exportsTheLocalCloudsResourcesAsAMetric() {
        EnvironmentPlan plan = Plans.webWithSecret();
        Provisioned made = support.await(() -> provisioning.create(plan));
        support.await(() -> provisioning.putScalingPolicy(plan.environmentId(), made,
                new ScalingPolicyPlan(ScalingMetric.CPU_UTILIZATION.policyName(), ScalingMetric.CPU_UTILIZATION, 50, 300, 60)));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        for (LocalResourceType type : LocalResourceType.values()) {
            Matcher sample = Pattern.compile("(?m)^paddock_cloud_resources\\{provider=\"local\",type=\"" + type.tag()
                    + "\"} ([0-9.E]+)$").matcher(metrics);
            assertTrue(sample.find(), "no sample for " + type.tag() + " in\n" + metrics);
            long inTable = support.inventoryCount(type.tag());
            // Every type but a cron job's schedule, which a create does not make, was just made here.
            assertTrue(type == LocalResourceType.SCHEDULE || inTable >= 1, type.tag() + " was just created");
            assertEquals(inTable, (long) Double.parseDouble(sample.group(1)), type.tag());
        }
        assertTrue(metrics.matches("(?s).*\\npaddock_provisioning_step_seconds_count\\{outcome=\"success\",provider=\"local\","
                + "step=\"CreateService\"} [1-9].*"), "no step timer for CreateService");
        assertTrue(metrics.contains("\npaddock_provisioning_in_flight{provider=\"local\"} 0.0"), "no in-flight gauge");
    }

    @Test
    void countsWhatTheInventoryTableHoldsAfterARestart() {
        // A resource an earlier run of Paddock made: in the table, not yet in this process's counts.
        String id = "arn:aws:ecs:eu-west-1:123456789012:service/paddock/left-" + java.util.UUID.randomUUID();
        pool.preparedQuery("INSERT INTO local_cloud_resource (id, type, environment_id, name) VALUES ($1, 'service', $2, 'left')")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, java.util.UUID.randomUUID())).await().indefinitely();
        try {
            inventory.refresh().await().indefinitely();

            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            Matcher sample = Pattern.compile("(?m)^paddock_cloud_resources\\{provider=\"local\",type=\"service\"} ([0-9.E]+)$")
                    .matcher(metrics);
            assertTrue(sample.find());
            assertEquals(support.inventoryCount("service"), (long) Double.parseDouble(sample.group(1)));
        } finally {
            pool.preparedQuery("DELETE FROM local_cloud_resource WHERE id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely();
            inventory.refresh().await().indefinitely();
        }
    }

    @Test
    void createsNoRoutingAndNoStorageWhenNothingIsExposedOrMounted() {
        EnvironmentPlan plan = Plans.worker();

        Provisioned made = support.await(() -> provisioning.create(plan));

        assertEquals(List.of("LOG_GROUP", "SCALABLE_TARGET", "SECURITY_GROUP", "SERVICE", "TASK_DEFINITION"),
                support.ledgerKinds(plan.environmentId()).stream().sorted().toList());
        assertNull(made.loadBalancer());
        assertNull(made.fileSystem());
        assertTrue(made.volumes().isEmpty());
        assertTrue(made.securityGroup().ingressPorts().isEmpty());
        assertEquals(5, support.inventory(plan.environmentId()).size());
    }

    @ParameterizedTest
    @ValueSource(strings = { "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "CreateTargetGroup", "CreateRule",
            "CreateFileSystem", "CreateAccessPoint", "CreateMountTarget", "RegisterTaskDefinition", "CreateService",
            "RegisterScalableTarget", "CreateLogGroup", "CreateSecret" })
    void undoesEverythingWhenAStepFails(String operation) {
        EnvironmentPlan plan = Plans.webWithSecret();
        settings.setFailOn(List.of(operation));

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(plan));

        assertEquals(operation, failure.step());
        assertEquals("InjectedFailure", failure.providerCode());
        assertTrue(failure.isTerminal(), "an injected failure is a refusal");
        assertTrue(failure.providerMessage().contains(operation), failure.providerMessage());
        assertEquals(List.of(), support.ledger(plan.environmentId()));
        assertEquals(List.of(), support.inventory(plan.environmentId()));
    }

    @Test
    void completesOnTheCallersContextWithoutBlockingIt() {
        Outcome<Provisioned> created = support.run(() -> provisioning.create(Plans.web()));
        assertNotNull(created.get());
        assertNotNull(created.calledOn());
        assertSame(created.calledOn(), created.completedOn());
        assertTrue(created.onEventLoop());

        settings.setFailOn(List.of("CreateService"));
        Outcome<Provisioned> failed = support.run(() -> provisioning.create(Plans.web()));
        assertTrue(failed.failure() instanceof ProvisioningFailedException, String.valueOf(failed.failure()));
        assertSame(failed.calledOn(), failed.completedOn());
        assertTrue(failed.onEventLoop());
    }

    @Test
    void keepsNamesWithinAwsLimits() {
        EnvironmentPlan plan = Plans.web();
        EnvironmentPlan longNames = new EnvironmentPlan(plan.environmentId(), "A-Very_Long.Organisation-Name",
                "an-application-with-a-long-name", "Preview-Branch-Feature-1234", plan.workload(), 1, plan.guard());

        Provisioned made = support.await(() -> provisioning.create(longNames));

        String arn = made.loadBalancer().targetGroupArn();
        String name = arn.split("/")[1];
        assertTrue(name.length() <= 32, name);
        assertTrue(name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?"), name);
        assertTrue(name.endsWith(plan.environmentId().toString().substring(0, 8)), name);
        assertEquals("preview-branch-feature-1234.an-application-with-a-long-name.a-very_long.organisation-name"
                + ".apps.paddock.local", made.loadBalancer().hostname());
        assertFalse(made.service().name().contains("_"));
    }

    @Test
    void reportsAnUnknownFailOnOperation() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> settings.setFailOn(List.of("CreateBucket")));
        assertTrue(refused.getMessage().contains("CreateBucket"));
    }

    private static void assertMatches(String pattern, String value) {
        assertTrue(value != null && value.matches(pattern), value + " does not match " + pattern);
    }
}
