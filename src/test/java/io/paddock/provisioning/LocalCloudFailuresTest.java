package io.paddock.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.provisioning.local.LocalCloudSettings;
import io.quarkus.test.junit.QuarkusTest;

/** The local cloud fails as AWS does: a resource still in use may be deleted later, an injected failure never. */
@QuarkusTest
class LocalCloudFailuresTest {

    @Inject
    Provisioning provisioning;

    @Inject
    NetworkPort network;

    @Inject
    VolumePort volumes;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    LocalCloudSettings settings;

    @BeforeEach
    @AfterEach
    void resetCloud() {
        support.resetCloud();
    }

    @Test
    void aResourceStillInUseIsRetryable() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));

        Throwable targetGroup = support.run(() -> network.deleteTargetGroup(made.loadBalancer().targetGroupArn()))
                .failure();
        Throwable fileSystem = support.run(() -> volumes.deleteFileSystem(made.fileSystem().id())).failure();

        assertThat(targetGroup).isInstanceOfSatisfying(ProviderException.Retryable.class,
                failure -> assertThat(failure.code()).isEqualTo("ResourceInUse"));
        assertThat(fileSystem).isInstanceOfSatisfying(ProviderException.Retryable.class,
                failure -> assertThat(failure.code()).isEqualTo("FileSystemInUse"));
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertThat(support.inventory(plan.environmentId())).isEmpty();
    }

    @Test
    void anInjectedFailureIsARefusal() {
        settings.setFailOn(List.of("CreateSecurityGroup"));

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(Plans.worker()));

        assertThat(failure.getCause()).isInstanceOf(ProviderException.Terminal.class)
                .isNotInstanceOf(ProviderException.NotFound.class);
        assertThat(failure.isTerminal()).isTrue();
    }
}
