package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Request;
import io.paddock.testing.aws.AwsDouble.Timing;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The aws provider waits as AWS needs it to, against a double that takes its time: mount targets are available a
 * while after they are made, a deleted service drains before it is inactive, a deleted mount target is deleting before
 * it is gone. Each wait has its own budget, not the call timeout.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsWaitsTest {

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    AwsDouble aws;

    @BeforeEach
    @AfterEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    @Test
    void theServiceIsCreatedOnlyOnceItsMountTargetsAreAvailable() {
        aws.timing(new Timing(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(500)));
        EnvironmentPlan plan = Plans.web();

        support.await(() -> provisioning.create(plan));

        List<Request> requests = aws.requests();
        int service = indexOf(requests, "CreateService");
        int lastMountTargetPoll = -1;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).operation().equals("DescribeMountTargets")) {
                lastMountTargetPoll = i;
            }
        }
        assertTrue(lastMountTargetPoll >= 0 && lastMountTargetPoll < service,
                "CreateService (" + service + ") after the mount targets were seen available (" + lastMountTargetPoll + ")");
        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    @Test
    void mountTargetsSlowerThanTheCallTimeoutAreWaitedForWithinTheAvailabilityBudget() {
        // paddock.cloud.call-timeout is 10 s in the tests, paddock.aws.availability-budget 30 s.
        aws.timing(new Timing(Duration.ofSeconds(11), Duration.ofMillis(500), Duration.ofMillis(500)));
        EnvironmentPlan plan = Plans.web();

        Provisioned made = support.await(() -> provisioning.create(plan));

        assertEquals(2, made.fileSystem().mountTargetIds().size());
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void teardownScalesTheServiceToZeroAndWaitsUntilItIsInactiveBeforeDeletingItsSecurityGroup() {
        aws.timing(new Timing(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(4)));
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));
        aws.reset();
        aws.timing(new Timing(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(4)));

        support.await(() -> provisioning.teardown(plan.environmentId()));

        List<Request> requests = aws.requests();
        int scaledDown = indexOf(requests, "UpdateService");
        int deleted = indexOf(requests, "DeleteService");
        assertEquals(0, requests.get(scaledDown).body().path("desiredCount").asInt(-1));
        assertTrue(scaledDown < deleted);
        assertTrue(requests.subList(deleted, requests.size()).stream()
                .filter(request -> request.operation().equals("DescribeServices")).count() >= 2, "polled until INACTIVE");
        assertEquals(1, aws.requests("DeleteSecurityGroup").size(), "deleted once nothing used it: no DependencyViolation");
        assertEquals(1, aws.requests("DeleteFileSystem").size(), "deleted once its mount targets were gone");
        assertTrue(aws.requests("DescribeMountTargets").size() >= 2, "polled until the mount targets were gone");
        assertEquals("INACTIVE", aws.find(made.service().arn()).orElseThrow().state().path("status").asText());
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void targetGroupsTakeTheConfiguredDeregistrationDelay() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));

        Request modify = aws.requests("ModifyTargetGroupAttributes").get(0);
        assertEquals(made.loadBalancer().targetGroupArn(), modify.params().get("TargetGroupArn"));
        assertEquals("deregistration_delay.timeout_seconds", modify.params().get("Attributes.member.1.Key"));
        assertEquals("2", modify.params().get("Attributes.member.1.Value"));
        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    @Test
    void aTeardownWhoseLeaseWasTakenOverStopsBeforeItsNextDeletion() {
        EnvironmentPlan plan = Plans.worker();
        support.await(() -> provisioning.create(plan));
        int recorded = support.ledger(plan.environmentId()).size();
        AtomicInteger asked = new AtomicInteger();
        StepGuard lostAfterTwo = step -> asked.incrementAndGet() <= 2 ? StepGuard.Verdict.GO : StepGuard.Verdict.FENCED;

        ProvisioningFailedException failure = support.failure(() -> provisioning.teardown(plan.environmentId(),
                lostAfterTwo));

        assertTrue(failure.isFenced(), failure.toString());
        assertEquals(recorded - 2, support.ledger(plan.environmentId()).size(), "two deletions ran, then it stopped");
        assertFalse(aws.inventory(plan.environmentId()).isEmpty());
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    private static int indexOf(List<Request> requests, String operation) {
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).operation().equals(operation)) {
                return i;
            }
        }
        throw new AssertionError("no " + operation + " in " + requests.stream().map(Request::operation).toList());
    }
}
