package io.paddock.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Teardown finds, by their environment tag, the resources whose ledger rows were lost to a crash. */
@QuarkusTest
class TeardownSweepTest {

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    AgroalDataSource db;

    @Test
    void resourcesWithoutALedgerRowAreTornDownToo() throws Exception {
        EnvironmentPlan plan = Plans.web();
        support.await(() -> provisioning.create(plan));
        List<String> kinds = support.ledgerKinds(plan.environmentId());
        assertThat(kinds).contains("FILE_SYSTEM", "LOG_GROUP", "SERVICE");

        // As if the process had died after these creates answered and before their ledger rows were written.
        try (Connection c = db.getConnection();
                PreparedStatement lose = c.prepareStatement("DELETE FROM provisioned_resource WHERE environment_id = ? "
                        + "AND kind IN ('FILE_SYSTEM', 'LOG_GROUP', 'SECURITY_GROUP_INGRESS')")) {
            lose.setObject(1, plan.environmentId());
            assertThat(lose.executeUpdate()).isGreaterThanOrEqualTo(3);
        }

        support.await(() -> provisioning.teardown(plan.environmentId()));

        assertThat(support.ledger(plan.environmentId())).isEmpty();
        assertThat(support.inventory(plan.environmentId())).isEmpty();
    }

    @Test
    void anUnrecordedResourceThatUsesARecordedOneGoesFirst() throws Exception {
        EnvironmentPlan plan = Plans.web();
        support.await(() -> provisioning.create(plan));

        // The rule uses the target group, the mount target and access point use the file system: with only the
        // parents recorded, deleting the ledger first would find them in use.
        try (Connection c = db.getConnection();
                PreparedStatement lose = c.prepareStatement("DELETE FROM provisioned_resource WHERE environment_id = ? "
                        + "AND kind IN ('LISTENER_RULE', 'MOUNT_TARGET', 'ACCESS_POINT')")) {
            lose.setObject(1, plan.environmentId());
            assertThat(lose.executeUpdate()).isGreaterThanOrEqualTo(3);
        }

        support.await(() -> provisioning.teardown(plan.environmentId()));

        assertThat(support.ledger(plan.environmentId())).isEmpty();
        assertThat(support.inventory(plan.environmentId())).isEmpty();
    }
}
