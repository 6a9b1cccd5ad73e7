package io.paddock.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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
    ContainerPort containers;

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

    @Test
    void createServiceRefusesWhatItNamesThatDoesNotExistInTheOrderEcsChecksIt() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));
        String definition = made.taskDefinition().arn();
        String group = made.securityGroup().id();
        ContainerPort.LoadBalancer routed = new ContainerPort.LoadBalancer(made.loadBalancer().targetGroupArn(), "web",
                8080);

        String cluster = made.service().cluster();

        ProviderException noDefinition = refusal(cluster, "other", definition + "0", List.of("sg-missing"), routed);
        ProviderException noGroup = refusal(cluster, "other", definition, List.of(group, "sg-missing"), routed);
        ProviderException noTargetGroup = refusal(cluster, "other", definition, List.of(group),
                new ContainerPort.LoadBalancer(routed.targetGroupArn() + "0", "web", 8080));
        ProviderException again = refusal(cluster, made.service().name(), definition, List.of(group), routed);

        assertThat(noDefinition.code()).isEqualTo("ClientException");
        assertThat(noDefinition.providerMessage()).isEqualTo("TaskDefinition not found.");
        assertThat(noGroup.code()).isEqualTo("InvalidParameterException");
        assertThat(noGroup.providerMessage()).isEqualTo("Security group 'sg-missing' does not exist.");
        assertThat(noTargetGroup.providerMessage()).contains("targetGroupArn");
        assertThat(again.providerMessage()).isEqualTo("Creation of service was not idempotent.");
        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    private ProviderException refusal(String cluster, String name, String definition, List<String> groups,
            ContainerPort.LoadBalancer loadBalancer) {
        Throwable failure = support.run(() -> containers.createService(new ContainerPort.CreateService(cluster, name,
                definition, 1, List.of("subnet-0a1b2c3d4e5f60718"), groups, loadBalancer, List.of(), Map.of())))
                .failure();
        assertThat(failure).isInstanceOf(ProviderException.class);
        return (ProviderException) failure;
    }
}
