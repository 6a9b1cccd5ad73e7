package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.local.LocalCloudCalls;
import io.paddock.provisioning.local.LocalCloudCalls.Call;
import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;

/** The create graph, checked by the order of the calls the local cloud saw, never by how long they took. */
@QuarkusTest
class OrchestratorGraphTest {

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    LocalCloudSettings settings;

    @Inject
    LocalCloudCalls calls;

    @BeforeEach
    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    @Test
    void startsIndependentStepsTogetherAndEachStepOnlyAfterWhatItNeeds() {
        settings.setLatency(Duration.ofMillis(50));
        EnvironmentPlan plan = Plans.web();

        support.await(() -> provisioning.create(plan));

        List<Call> made = calls.forEnvironment(plan.environmentId());
        assertEquals(12, made.size(), made.toString());
        assertTrue(made.stream().allMatch(Call::succeeded));

        // The three roots run side by side: each starts before any of them has ended.
        List<Call> roots = List.of(one(made, "CreateSecurityGroup"), one(made, "CreateTargetGroup"),
                one(made, "CreateFileSystem"));
        long lastRootStart = roots.stream().mapToLong(Call::startNanos).max().orElseThrow();
        long firstRootEnd = roots.stream().mapToLong(Call::endNanos).min().orElseThrow();
        assertTrue(lastRootStart < firstRootEnd, "the roots ran one after the other: " + roots);
        // The log group is a root too: it starts before the first level has ended.
        assertTrue(one(made, "CreateLogGroup").startNanos() < firstRootEnd, "the log group waited: " + made);

        assertAfter(made, "CreateSecurityGroup", "AuthorizeSecurityGroupIngress");
        assertAfter(made, "CreateTargetGroup", "CreateRule");
        assertAfter(made, "CreateFileSystem", "CreateAccessPoint");
        assertAfter(made, "CreateFileSystem", "CreateMountTarget");
        assertAfter(made, "CreateSecurityGroup", "CreateMountTarget");
        assertAfter(made, "CreateAccessPoint", "RegisterTaskDefinition");
        assertAfter(made, "CreateLogGroup", "RegisterTaskDefinition");
        assertAfter(made, "RegisterTaskDefinition", "CreateService");
        assertAfter(made, "CreateSecurityGroup", "CreateService");
        assertAfter(made, "CreateRule", "CreateService");
        assertAfter(made, "CreateService", "RegisterScalableTarget");
        assertEquals(2, all(made, "AuthorizeSecurityGroupIngress").size());
    }

    @Test
    void neverWaitsForAStepTheNextOneDoesNotNeed() {
        // Ingress rules are leaves: slow ones must not hold back the service.
        settings.setLatency(Duration.ofMillis(20));
        settings.setLatency(CloudOperation.AUTHORIZE_SECURITY_GROUP_INGRESS, Duration.ofMillis(1500));
        EnvironmentPlan plan = Plans.web();

        support.await(() -> provisioning.create(plan));

        List<Call> made = calls.forEnvironment(plan.environmentId());
        long firstLeafEnd = made.stream()
                .filter(call -> call.operation().equals("AuthorizeSecurityGroupIngress"))
                .mapToLong(Call::endNanos).min().orElseThrow();
        assertTrue(one(made, "RegisterScalableTarget").endNanos() < firstLeafEnd,
                "the service waited for ingress rules: " + made);
    }

    @Test
    void theServiceWaitsForItsMountTargetsSoItsFirstTasksCanMountTheVolumes() {
        settings.setLatency(Duration.ofMillis(20));
        settings.setLatency(CloudOperation.CREATE_MOUNT_TARGET, Duration.ofMillis(800));
        EnvironmentPlan plan = Plans.web();

        support.await(() -> provisioning.create(plan));

        assertAfter(calls.forEnvironment(plan.environmentId()), "CreateMountTarget", "CreateService");
    }

    private static void assertAfter(List<Call> made, String needed, String dependant) {
        long neededEnd = all(made, needed).stream().mapToLong(Call::endNanos).max().orElseThrow();
        for (Call call : all(made, dependant)) {
            assertTrue(neededEnd < call.startNanos(), dependant + " started before " + needed + " had ended");
        }
    }

    private static Call one(List<Call> made, String operation) {
        List<Call> matching = all(made, operation);
        assertEquals(1, matching.size(), operation + " in " + made);
        return matching.get(0);
    }

    private static List<Call> all(List<Call> made, String operation) {
        List<Call> matching = made.stream().filter(call -> call.operation().equals(operation))
                .collect(Collectors.toList());
        assertTrue(!matching.isEmpty(), "no " + operation + " call in " + made);
        return matching;
    }
}
