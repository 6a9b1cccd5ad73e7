package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.ProvisioningTestSupport.Outcome;
import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class OrchestratorLifecycleTest {

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    LocalCloudSettings settings;

    @Inject
    LocalCloudCalls calls;

    @Inject
    ContainerPort containers;

    @BeforeEach
    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    @Test
    void teardownEmptiesLedgerAndInventoryAndIsIdempotent() {
        EnvironmentPlan plan = Plans.web();
        support.await(() -> provisioning.create(plan));

        Outcome<Void> first = support.run(() -> provisioning.teardown(plan.environmentId()));

        assertNull(first.failure());
        assertSame(first.calledOn(), first.completedOn());
        assertEquals(List.of(), support.ledger(plan.environmentId()));
        assertEquals(List.of(), support.inventory(plan.environmentId()));

        calls.clear();
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), calls.forEnvironment(plan.environmentId()));
    }

    @Test
    void teardownTakesAResourceAlreadyGoneAsDeleted() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));
        support.await(() -> containers.deleteService(made.service().cluster(), made.service().arn()));

        support.await(() -> provisioning.teardown(plan.environmentId()));

        assertEquals(List.of(), support.ledger(plan.environmentId()));
        assertEquals(List.of(), support.inventory(plan.environmentId()));
    }

    @Test
    void teardownThatKeepsFailingLeavesTheRestInTheLedger() {
        EnvironmentPlan plan = Plans.web();
        support.await(() -> provisioning.create(plan));
        settings.setFailOn(List.of("DeleteService"));

        ProvisioningFailedException failure = support.failure(() -> provisioning.teardown(plan.environmentId()));

        assertEquals("DeleteService", failure.step());
        List<String> left = support.ledgerKinds(plan.environmentId());
        assertTrue(left.contains("SERVICE"), left.toString());
        assertFalse(left.contains("SCALABLE_TARGET"), "newer than the service, so already deleted: " + left);
        assertEquals(left.size(), support.inventory(plan.environmentId()).size());

        settings.reset();
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), support.ledger(plan.environmentId()));
        assertEquals(List.of(), support.inventory(plan.environmentId()));
    }

    @Test
    void updateRegistersANewRevisionAndDeregistersTheOldOne() {
        EnvironmentPlan plan = Plans.web();
        Provisioned before = support.await(() -> provisioning.create(plan));
        EnvironmentPlan changed = Plans.with(plan, Plans.compose("nginx:1.28", List.of(8080), List.of("files"))
                .withCapacity(2, 5));

        Provisioned after = support.await(() -> provisioning.update(changed, before));

        assertEquals(2, after.taskDefinition().revision());
        assertNotEquals(before.taskDefinition().arn(), after.taskDefinition().arn());
        assertFalse(support.inInventory(before.taskDefinition().arn()));
        assertTrue(support.inInventory(after.taskDefinition().arn()));
        List<String> ledgerIds = support.ledger(plan.environmentId()).stream().map(r -> r.getString("provider_id")).toList();
        assertTrue(ledgerIds.contains(after.taskDefinition().arn()));
        assertFalse(ledgerIds.contains(before.taskDefinition().arn()));
        assertEquals(12, ledgerIds.size());
        JsonObject service = (JsonObject) support.inventoryRow(after.service().arn()).getValue("attributes");
        assertEquals(after.taskDefinition().arn(), service.getString("taskDefinition"));
        String targetArn = support.ledger(plan.environmentId()).stream()
                .filter(r -> r.getString("kind").equals("SCALABLE_TARGET")).findFirst().orElseThrow()
                .getString("provider_id");
        JsonObject capacity = (JsonObject) support.inventoryRow(targetArn).getValue("attributes");
        assertEquals(2, capacity.getInteger("minCapacity"));
        assertEquals(5, capacity.getInteger("maxCapacity"));
    }

    @Test
    void updateCreatesVolumesTheComposeNewlyMounts() {
        EnvironmentPlan plan = Plans.worker();
        Provisioned before = support.await(() -> provisioning.create(plan));
        EnvironmentPlan mounting = Plans.with(plan, Plans.compose("busybox:1.36", null, List.of("cache")));

        Provisioned after = support.await(() -> provisioning.update(mounting, before));

        assertEquals(List.of("cache"), after.volumes().stream().map(Provisioned.VolumeRef::volumeName).toList());
        assertEquals(after.fileSystem().id(), after.volumes().get(0).fileSystemId());
        List<String> kinds = support.ledgerKinds(plan.environmentId());
        assertTrue(kinds.containsAll(List.of("FILE_SYSTEM", "SECURITY_GROUP_INGRESS", "MOUNT_TARGET", "ACCESS_POINT")),
                kinds.toString());
        assertEquals(9, kinds.size(), kinds.toString());
    }

    @Test
    void aFailedUpdateUndoesWhatItMadeAndKeepsTheRunningRevision() {
        EnvironmentPlan plan = Plans.web();
        Provisioned before = support.await(() -> provisioning.create(plan));
        settings.setFailOn(List.of("UpdateService"));

        ProvisioningFailedException failure = support.failure(() -> provisioning.update(
                Plans.with(plan, Plans.compose("nginx:1.28", List.of(8080), List.of("files", "more"))), before));

        assertEquals("UpdateService", failure.step());
        assertEquals(12, support.ledger(plan.environmentId()).size());
        assertEquals(12, support.inventory(plan.environmentId()).size());
        assertTrue(support.inInventory(before.taskDefinition().arn()));
    }

    @Test
    void describeAllAnswersInTheOrderAskedWithNothingForAServiceThatIsGone() {
        EnvironmentPlan first = Plans.web();
        EnvironmentPlan second = Plans.web();
        Provisioned kept = support.await(() -> provisioning.create(first));
        Provisioned gone = support.await(() -> provisioning.create(second));
        support.await(() -> provisioning.teardown(second.environmentId()));
        support.await(() -> provisioning.scale(kept, 2));
        List<Provisioned> asked = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            asked.add(Plans.withServiceArn(kept, kept.service().arn() + "-" + i));
        }
        asked.add(gone);
        asked.add(kept);

        List<ServiceState> states = support.await(() -> provisioning.describeAll(asked));

        assertEquals(13, states.size());
        assertTrue(states.subList(0, 12).stream().allMatch(state -> state == null), "gone or never made: " + states);
        assertEquals(2, states.get(12).desiredCount());
        assertEquals(List.of(), support.await(() -> provisioning.describeAll(List.of())));
    }

    @Test
    void scaleChangesTheDesiredCountAndTheRunningCountFollows() throws InterruptedException {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));
        assertEquals(new ServiceState(1, 1, false), support.await(() -> provisioning.describe(made)));
        settings.setLatency(Duration.ofMillis(300));
        settings.setLatency(CloudOperation.DESCRIBE_SERVICES, Duration.ZERO);
        // Scaling up resumes automatic scaling after the service update: that call must not outlast the roll-out.
        settings.setLatency(CloudOperation.REGISTER_SCALABLE_TARGET, Duration.ZERO);

        support.await(() -> provisioning.scale(made, 3));

        ServiceState rolling = support.await(() -> provisioning.describe(made));
        assertEquals(3, rolling.desiredCount());
        assertEquals(1, rolling.runningCount());
        assertTrue(rolling.deploymentInProgress());
        ServiceState settled = rolling;
        for (int i = 0; i < 100 && settled.deploymentInProgress(); i++) {
            Thread.sleep(50);
            settled = support.await(() -> provisioning.describe(made));
        }
        assertEquals(new ServiceState(3, 3, false), settled);
    }

    @Test
    void addsAndRemovesVolumes() {
        EnvironmentPlan plan = Plans.worker();
        Provisioned made = support.await(() -> provisioning.create(plan));

        Provisioned one = support.await(() -> provisioning.addVolume(plan, made, "uploads", "User uploads", "/uploads"));
        Provisioned two = support.await(() -> provisioning.addVolume(plan, one, "cache", null, null));

        assertEquals(List.of("uploads", "cache"), two.volumes().stream().map(Provisioned.VolumeRef::volumeName).toList());
        assertEquals("User uploads", two.volumes().get(0).description());
        assertEquals("/uploads", two.volumes().get(0).rootDirectory());
        assertEquals(one.fileSystem(), two.fileSystem());
        assertEquals(5 + 5, support.ledger(plan.environmentId()).size());
        String uploads = two.volumes().get(0).accessPointId();

        Provisioned removed = support.await(() -> provisioning.removeVolume(two, "uploads"));

        assertEquals(List.of("cache"), removed.volumes().stream().map(Provisioned.VolumeRef::volumeName).toList());
        assertFalse(support.inInventory(uploads));
        assertEquals(9, support.ledger(plan.environmentId()).size());
        assertEquals(9, support.inventory(plan.environmentId()).size());
    }

    @Test
    void redeployRegistersARevisionOnlyWhenTheComposeChanged() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));
        calls.clear();

        Provisioned same = support.await(() -> provisioning.redeploy(plan, made));

        assertEquals(made.taskDefinition(), same.taskDefinition());
        List<String> operations = calls.forEnvironment(plan.environmentId()).stream()
                .map(LocalCloudCalls.Call::operation).toList();
        assertEquals(List.of("DescribeTaskDefinition", "UpdateService"), operations);

        Provisioned rewritten = support.await(() -> provisioning.redeploy(
                Plans.with(plan, Plans.compose("nginx:1.27-rebuilt", List.of(8080), List.of("files"))), made));

        assertEquals(2, rewritten.taskDefinition().revision());
        assertFalse(support.inInventory(made.taskDefinition().arn()));
    }
}
