package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * On AWS, rollback and teardown find an environment's resources by its tag as well as by the ledger: a resource whose
 * create answered just before a crash has no ledger row, and is deleted all the same.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsTagSearchTest {

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
    void teardownDeletesWhatCarriesTheEnvironmentsTagThoughTheLedgerLostIt() {
        EnvironmentPlan plan = Plans.webWithSecret();
        support.await(() -> provisioning.create(plan));
        support.clearLedger(plan.environmentId());

        support.await(() -> provisioning.teardown(plan.environmentId()));

        assertFalse(aws.requests("GetResources").isEmpty());
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void aRollbackDeletesWhatAnEarlierAttemptMadeAndNeverRecorded() {
        EnvironmentPlan plan = Plans.web();
        support.await(() -> provisioning.create(plan));
        // The crash: everything was made, no ledger row was written. The next attempt fails before the service.
        support.clearLedger(plan.environmentId());
        aws.fail("RegisterTaskDefinition", 400, "ClientException", "refused by the double", -1);
        aws.fail("DescribeTaskDefinition", 400, "ClientException", "Unable to describe task definition.", 1);

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(plan));

        assertEquals("RegisterTaskDefinition", failure.step());
        assertEquals(List.of(), aws.inventory(plan.environmentId()), "the first attempt's service went too");
        assertEquals(List.of(), support.ledger(plan.environmentId()));
    }
}
