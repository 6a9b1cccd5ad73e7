package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.environments.Compose;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.ecs.EcsAsyncClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;

/** spotConfiguration as the ECS service's capacity provider strategy, on the aws provider against the AWS double. */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsSpotCapacityTest {

    @Inject
    Provisioning provisioning;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    EcsAsyncClient ecs;

    AwsDouble aws;

    @BeforeEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    @Test
    void createsTheServiceOnTheStrategysWeightsAndChangesThemWithANewDeployment() {
        EnvironmentPlan plan = Plans.plan(spot("mixed-safe"));
        Provisioned made = support.await(() -> provisioning.create(plan));

        JsonNode create = aws.requests("CreateService").get(0).body();
        assertFalse(create.has("launchType"), create.toString());
        assertEquals("[{\"capacityProvider\":\"FARGATE\",\"weight\":1,\"base\":0},"
                + "{\"capacityProvider\":\"FARGATE_SPOT\",\"weight\":1,\"base\":0}]",
                create.path("capacityProviderStrategy").toString());
        assertFalse(service(made).has("launchType"));

        aws.reset();
        Provisioned aggressive = support.await(() -> provisioning.update(Plans.with(plan, spot("mixed-aggressive")), made));
        JsonNode update = aws.requests("UpdateService").get(0).body();
        assertTrue(update.path("forceNewDeployment").asBoolean());
        assertEquals("[{\"capacityProvider\":\"FARGATE\",\"weight\":1,\"base\":0},"
                + "{\"capacityProvider\":\"FARGATE_SPOT\",\"weight\":4,\"base\":0}]",
                service(made).path("capacityProviderStrategy").toString());

        aws.reset();
        Provisioned spotOnly = support.await(() -> provisioning.update(Plans.with(plan, spot("spot-only")), aggressive));
        assertEquals("[{\"capacityProvider\":\"FARGATE_SPOT\",\"weight\":1,\"base\":0}]",
                service(made).path("capacityProviderStrategy").toString());

        aws.reset();
        support.await(() -> provisioning.update(Plans.with(plan, spot("off")), spotOnly));
        assertEquals("[]", aws.requests("UpdateService").get(0).body().path("capacityProviderStrategy").toString());
        assertEquals("FARGATE", service(made).path("launchType").asText());
        assertFalse(service(made).has("capacityProviderStrategy"));

        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    @Test
    void withoutASpotConfigurationTheServiceRunsOnLaunchTypeFargate() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));

        JsonNode create = aws.requests("CreateService").get(0).body();
        assertEquals("FARGATE", create.path("launchType").asText());
        assertFalse(create.has("capacityProviderStrategy"), create.toString());

        support.await(() -> provisioning.update(Plans.with(plan, Plans.compose("nginx:1.28", List.of(8080),
                List.of("files"))), made));
        assertEquals("FARGATE", service(made).path("launchType").asText());
        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    @Test
    void theDoubleRefusesALaunchTypeTogetherWithAStrategyAndAStrategyChangeWithoutANewDeployment() {
        EnvironmentPlan plan = Plans.plan(spot("spot-only"));
        Provisioned made = support.await(() -> provisioning.create(plan));
        CapacityProviderStrategyItem fargate = CapacityProviderStrategyItem.builder().capacityProvider("FARGATE")
                .weight(1).build();

        CompletionException both = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> ecs.createService(create -> create.cluster(made.service().cluster()).serviceName("both")
                        .taskDefinition(made.taskDefinition().arn()).desiredCount(1).launchType(LaunchType.FARGATE)
                        .capacityProviderStrategy(fargate)).join());
        assertTrue(both.getCause() instanceof InvalidParameterException, String.valueOf(both.getCause()));
        assertTrue(both.getCause().getMessage().contains("Specifying both a launch type and capacity provider strategy"));

        CompletionException quiet = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> ecs.updateService(update -> update.cluster(made.service().cluster()).service(made.service().arn())
                        .capacityProviderStrategy(fargate)).join());
        assertTrue(quiet.getCause().getMessage().contains("you must force a new deployment"), quiet.getMessage());

        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    /** What the double's ECS holds for the service. */
    private JsonNode service(Provisioned made) {
        return aws.find(made.service().arn()).orElseThrow().state();
    }

    private static Compose spot(String strategy) {
        return Plans.compose("nginx:1.27", List.of(8080), List.of()).withCapacity(2, 4)
                .withSpotConfiguration(new Compose.SpotConfiguration(strategy));
    }
}
