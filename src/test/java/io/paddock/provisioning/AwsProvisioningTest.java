package io.paddock.provisioning;

import static io.paddock.testing.Api.asAdmin;
import static io.paddock.testing.Api.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.Api;
import io.paddock.testing.Environments;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Request;
import io.paddock.testing.aws.AwsDouble.Resource;
import io.paddock.testing.aws.AwsDoubleResource;
import io.paddock.testing.aws.BlockedThreads;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The aws provider against the protocol-level AWS double: the real SDK clients, the real wire protocols, the
 * real HTTP API. Every test also fails if Vert.x reports a blocked thread.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsProvisioningTest {

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    NetworkPort network;

    @Inject
    VolumePort volumes;

    @Inject
    ContainerPort containers;

    AwsDouble aws;
    BlockedThreads blocked;

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
        assertEquals(List.of(), blocked.warnings(), "Vert.x reported a blocked thread");
    }

    @Test
    void createsTheSeedsFullExampleWithEveryComposeFieldInTheTaskDefinition() {
        String application = Api.unique("shop");
        Response created = asAdmin().body(Environments.resource("requests/create-environment-full.json"))
                .post(Environments.path("acme", application));
        created.then().statusCode(201);
        UUID id = environmentId(application, "staging");
        String host = "staging." + application + ".acme.apps.example.com";

        // network
        Map<String, String> group = one("CreateSecurityGroup").params();
        assertEquals("vpc-0test0000000000", group.get("VpcId"));
        assertTagged(id, group, "TagSpecification.1.Tag");
        assertEquals("security-group", group.get("TagSpecification.1.ResourceType"));
        List<Map<String, String>> ingress = aws.requests("AuthorizeSecurityGroupIngress").stream()
                .map(Request::params).toList();
        assertEquals(2, ingress.size());
        String groupId = only("security-group", id).id();
        assertTrue(ingress.stream().anyMatch(rule -> rule.get("IpPermissions.1.FromPort").equals("8080")
                && rule.get("IpPermissions.1.Groups.1.GroupId").equals(AwsDoubleResource.LOAD_BALANCER_GROUP)), ingress.toString());
        assertTrue(ingress.stream().anyMatch(rule -> rule.get("IpPermissions.1.FromPort").equals("2049")
                && rule.get("IpPermissions.1.Groups.1.GroupId").equals(groupId)), ingress.toString());
        Map<String, String> targetGroup = one("CreateTargetGroup").params();
        assertTrue(targetGroup.get("Name").length() <= 32);
        assertEquals("8080", targetGroup.get("Port"));
        assertEquals("ip", targetGroup.get("TargetType"));
        assertEquals("/health", targetGroup.get("HealthCheckPath"));
        assertEquals("20", targetGroup.get("HealthCheckIntervalSeconds"));
        assertEquals("4", targetGroup.get("HealthCheckTimeoutSeconds"));
        assertEquals("2", targetGroup.get("UnhealthyThresholdCount"));
        assertTagged(id, targetGroup, "Tags.member");
        // The routed container asks for origin protection: the host rule, then a 403 rule and the CDN's header rule.
        List<Map<String, String>> rules = aws.requests("CreateRule").stream().map(Request::params).toList();
        assertEquals(3, rules.size(), rules.toString());
        assertEquals("fixed-response", rules.get(1).get("Actions.member.1.Type"));
        assertEquals("403", rules.get(1).get("Actions.member.1.FixedResponseConfig.StatusCode"));
        assertEquals("http-header", rules.get(2).get("Conditions.member.2.Field"));
        Map<String, String> rule = rules.get(0);
        assertEquals(AwsDouble.LISTENER_ARN, rule.get("ListenerArn"));
        assertEquals("host-header", rule.get("Conditions.member.1.Field"));
        assertEquals(host, rule.get("Conditions.member.1.HostHeaderConfig.Values.member.1"));
        assertEquals("forward", rule.get("Actions.member.1.Type"));
        assertTagged(id, rule, "Tags.member");

        // volumes
        JsonNode fileSystem = one("CreateFileSystem").body();
        assertTrue(fileSystem.path("Encrypted").asBoolean());
        assertFalse(fileSystem.path("CreationToken").asText().isEmpty());
        JsonNode accessPoint = one("CreateAccessPoint").body();
        assertEquals("/files", accessPoint.path("RootDirectory").path("Path").asText());
        assertEquals(33, accessPoint.path("PosixUser").path("Uid").asInt());
        assertEquals(33, accessPoint.path("RootDirectory").path("CreationInfo").path("OwnerGid").asInt());
        assertEquals(AwsDoubleResource.SUBNETS, aws.requests("CreateMountTarget").stream()
                .map(request -> request.body().path("SubnetId").asText()).sorted().toList());

        // containers
        assertEquals("/paddock/acme-" + application + "-staging-" + id.toString().substring(0, 8),
                one("CreateLogGroup").body().path("logGroupName").asText());
        JsonNode secret = one("CreateSecret").body();
        assertEquals("{}", secret.path("SecretString").asText());
        String secretArn = only("secret", id).id();

        JsonNode definition = one("RegisterTaskDefinition").body();
        assertEquals("[\"FARGATE\"]", definition.path("requiresCompatibilities").toString());
        assertEquals("awsvpc", definition.path("networkMode").asText());
        assertEquals("512", definition.path("cpu").asText());
        assertEquals("1024", definition.path("memory").asText());
        assertEquals("ARM64", definition.path("runtimePlatform").path("cpuArchitecture").asText());
        assertEquals("LINUX", definition.path("runtimePlatform").path("operatingSystemFamily").asText());
        assertEquals(AwsDoubleResource.EXECUTION_ROLE, definition.path("executionRoleArn").asText());
        assertEquals("arn:aws:iam::123456789012:role/staging-task", definition.path("taskRoleArn").asText());
        JsonNode volume = definition.path("volumes").get(0);
        assertEquals("files", volume.path("name").asText());
        JsonNode efs = volume.path("efsVolumeConfiguration");
        assertEquals(only("file-system", id).id(), efs.path("fileSystemId").asText());
        assertEquals("ENABLED", efs.path("transitEncryption").asText());
        assertEquals(only("access-point", id).id(), efs.path("authorizationConfig").path("accessPointId").asText());
        assertEquals("ENABLED", efs.path("authorizationConfig").path("iam").asText());

        JsonNode web = definition.path("containerDefinitions").get(0);
        assertEquals("web", web.path("name").asText());
        assertEquals(AwsDoubleResource.REGISTRY + "/acme/" + application + ":web-latest", web.path("image").asText());
        assertEquals(256, web.path("cpu").asInt());
        assertEquals(512, web.path("memory").asInt());
        assertEquals(256, web.path("memoryReservation").asInt());
        assertEquals(8080, web.path("portMappings").get(0).path("containerPort").asInt());
        assertEquals("tcp", web.path("portMappings").get(0).path("protocol").asText());
        assertEquals("files", web.path("mountPoints").get(0).path("sourceVolume").asText());
        assertEquals("/var/www/files", web.path("mountPoints").get(0).path("containerPath").asText());
        assertFalse(web.path("mountPoints").get(0).path("readOnly").asBoolean());
        assertEquals("APP_ENV", web.path("environment").get(0).path("name").asText());
        assertEquals("staging", web.path("environment").get(0).path("value").asText());
        assertEquals("DB_PASSWORD", web.path("secrets").get(0).path("name").asText());
        assertEquals(secretArn + ":db_password::", web.path("secrets").get(0).path("valueFrom").asText());
        JsonNode health = web.path("healthCheck");
        assertEquals("[\"CMD-SHELL\",\"curl -f http://localhost:8080/health || exit 1\"]", health.path("command").toString());
        assertEquals(20, health.path("interval").asInt());
        assertEquals(4, health.path("timeout").asInt());
        assertEquals(2, health.path("retries").asInt());
        assertEquals(60, health.path("startPeriod").asInt());
        assertEquals("migrate", web.path("dependsOn").get(0).path("containerName").asText());
        assertEquals("SUCCESS", web.path("dependsOn").get(0).path("condition").asText());
        assertEquals("[\"php-fpm\",\"-F\"]", web.path("command").toString());
        assertEquals("[\"/entrypoint.sh\"]", web.path("entryPoint").toString());
        assertEquals("/var/www", web.path("workingDirectory").asText());
        assertTrue(web.path("essential").asBoolean());
        assertTrue(web.path("readonlyRootFilesystem").asBoolean());
        assertEquals("www-data", web.path("user").asText());
        JsonNode logging = web.path("logConfiguration");
        assertEquals("awslogs", logging.path("logDriver").asText());
        assertEquals(one("CreateLogGroup").body().path("logGroupName").asText(),
                logging.path("options").path("awslogs-group").asText());
        assertEquals(AwsDouble.REGION, logging.path("options").path("awslogs-region").asText());

        JsonNode migrate = definition.path("containerDefinitions").get(1);
        assertEquals("migrate", migrate.path("name").asText());
        assertEquals("public.ecr.aws/docker/library/alpine:3.20", migrate.path("image").asText());
        assertEquals(128, migrate.path("cpu").asInt());
        assertFalse(migrate.path("essential").asBoolean());
        assertTrue(migrate.path("secrets").isMissingNode() || migrate.path("secrets").isEmpty());
        assertTrue(definition.path("tags").toString().contains(id.toString()));

        JsonNode service = one("CreateService").body();
        assertEquals("paddock-test", service.path("cluster").asText());
        assertEquals("FARGATE", service.path("launchType").asText());
        assertEquals(1, service.path("desiredCount").asInt());
        assertFalse(service.path("clientToken").asText().isEmpty());
        JsonNode vpc = service.path("networkConfiguration").path("awsvpcConfiguration");
        assertEquals("[\"" + groupId + "\"]", vpc.path("securityGroups").toString());
        assertEquals(AwsDoubleResource.SUBNETS.size(), vpc.path("subnets").size());
        assertEquals(only("target-group", id).id(), service.path("loadBalancers").get(0).path("targetGroupArn").asText());
        assertEquals("web", service.path("loadBalancers").get(0).path("containerName").asText());
        assertEquals(8080, service.path("loadBalancers").get(0).path("containerPort").asInt());
        JsonNode scaling = one("RegisterScalableTarget").body();
        assertEquals("ecs", scaling.path("ServiceNamespace").asText());
        assertEquals("ecs:service:DesiredCount", scaling.path("ScalableDimension").asText());
        assertEquals(1, scaling.path("MinCapacity").asInt());
        assertEquals(3, scaling.path("MaxCapacity").asInt());

        // Every taggable resource names its environment.
        for (String type : List.of("security-group", "security-group-rule", "target-group", "listener-rule", "file-system",
                "access-point", "log-group", "secret", "task-definition", "service", "scalable-target")) {
            assertFalse(aws.inventory(id).stream().filter(r -> r.type().equals(type)).toList().isEmpty(), type);
        }
        for (Resource resource : aws.inventory(id)) {
            if (!resource.type().equals("mount-target")) {
                assertEquals("acme", resource.tags().get("paddock:organisation"), resource.toString());
                assertEquals(application, resource.tags().get("paddock:application"), resource.toString());
                assertEquals("staging", resource.tags().get("paddock:env-name"), resource.toString());
            }
        }
        assertEquals(support.ledger(id).size(), aws.inventory(id).size());

        asAdmin().delete(Environments.path("acme", application) + "/staging").then().statusCode(204);
        eventually(() -> aws.inventory(id).isEmpty() && support.ledger(id).isEmpty(), "teardown of " + id);
        assertTrue(aws.requests("DeleteService").get(0).body().path("force").asBoolean());
        assertTrue(aws.requests("DeleteSecret").get(0).body().path("ForceDeleteWithoutRecovery").asBoolean());
    }

    @Test
    void updatesDescribesAndTearsDown() {
        EnvironmentPlan plan = Plans.webWithSecret();
        Provisioned made = support.await(() -> provisioning.create(plan));
        assertEquals(new ServiceState(1, 1, false), support.await(() -> provisioning.describe(made)));

        Provisioned updated = support.await(() -> provisioning.update(
                Plans.with(plan, Plans.compose("nginx:1.28", List.of(8080), List.of("files"))), made));

        assertEquals(2, updated.taskDefinition().revision());
        JsonNode update = one("UpdateService").body();
        assertEquals(updated.taskDefinition().arn(), update.path("taskDefinition").asText());
        assertEquals(made.taskDefinition().arn(), one("DeregisterTaskDefinition").body().path("taskDefinition").asText());
        assertEquals("INACTIVE", aws.find(made.taskDefinition().arn()).orElseThrow().state().path("status").asText());
        assertEquals("nginx:1.28", aws.find(updated.taskDefinition().arn()).orElseThrow().state()
                .path("definition").path("containerDefinitions").get(0).path("image").asText());

        support.await(() -> provisioning.scale(updated, 0));
        assertEquals(0, aws.find(updated.service().arn()).orElseThrow().state().path("desiredCount").asInt());

        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
        assertEquals(List.of(), support.ledger(plan.environmentId()));
    }

    @Test
    void aStoppedServiceHasItsAutomaticScalingSuspendedUntilItStartsAgain() {
        EnvironmentPlan plan = Plans.webWithSecret();
        Provisioned made = support.await(() -> provisioning.create(plan));
        JsonNode registered = one("RegisterScalableTarget").body();
        aws.reset();

        support.await(() -> provisioning.scale(made, 0));
        assertEquals(List.of("RegisterScalableTarget", "UpdateService"), operations());
        JsonNode suspend = one("RegisterScalableTarget").body();
        assertEquals(registered.path("ResourceId"), suspend.path("ResourceId"));
        assertEquals("ecs:service:DesiredCount", suspend.path("ScalableDimension").asText());
        assertFalse(suspend.has("MinCapacity") || suspend.has("MaxCapacity"), "capacity is left as it is: " + suspend);
        for (String activity : List.of("DynamicScalingInSuspended", "DynamicScalingOutSuspended",
                "ScheduledScalingSuspended")) {
            assertTrue(suspend.path("SuspendedState").path(activity).asBoolean(), activity + " in " + suspend);
        }
        JsonNode target = aws.inventory(plan.environmentId()).stream()
                .filter(r -> r.type().equals("scalable-target"))
                .findFirst().orElseThrow().state();
        assertEquals(registered.path("MinCapacity").asInt(), target.path("min").asInt());
        assertTrue(target.path("suspended").path("DynamicScalingOutSuspended").asBoolean());
        assertEquals(0, aws.find(made.service().arn()).orElseThrow().state().path("desiredCount").asInt());
        aws.reset();

        support.await(() -> provisioning.scale(made, 2));
        assertEquals(List.of("UpdateService", "RegisterScalableTarget"), operations());
        assertFalse(one("RegisterScalableTarget").body().path("SuspendedState").path("DynamicScalingOutSuspended")
                .asBoolean(true));
        assertFalse(target.path("suspended").path("DynamicScalingInSuspended").asBoolean(true));

        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    @Test
    void describesManyServicesTenAtATimeAndReportsNoneForAServiceThatIsGone() {
        EnvironmentPlan first = Plans.web();
        EnvironmentPlan second = Plans.web();
        Provisioned kept = support.await(() -> provisioning.create(first));
        Provisioned gone = support.await(() -> provisioning.create(second));
        support.await(() -> provisioning.teardown(second.environmentId()));
        List<Provisioned> asked = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            asked.add(Plans.withServiceArn(kept, kept.service().arn() + "-" + i));
        }
        asked.add(kept);
        asked.add(gone);
        aws.reset();

        List<ServiceState> states = support.await(() -> provisioning.describeAll(asked));

        assertEquals(13, states.size());
        assertEquals(new ServiceState(1, 1, false), states.get(11));
        assertEquals(null, states.get(12));
        assertTrue(states.subList(0, 11).stream().allMatch(state -> state == null),
                "services that do not exist report no counts: " + states);
        List<Integer> batchSizes = aws.requests("DescribeServices").stream()
                .map(request -> request.body().path("services").size())
                .toList();
        assertEquals(List.of(10, 3), batchSizes.stream().sorted(Comparator.reverseOrder()).toList());

        support.await(() -> provisioning.teardown(first.environmentId()));
    }

    private List<String> operations() {
        return aws.requests().stream().map(AwsDouble.Request::operation).toList();
    }

    @ParameterizedTest
    @CsvSource({
            "CreateSecurityGroup, InvalidParameterValue",
            "AuthorizeSecurityGroupIngress, RulesPerSecurityGroupLimitExceeded",
            "CreateTargetGroup, TooManyTargetGroups",
            "CreateRule, TooManyRules",
            "CreateFileSystem, FileSystemLimitExceeded",
            "CreateAccessPoint, AccessPointLimitExceeded",
            "CreateMountTarget, SubnetNotFound",
            "CreateLogGroup, LimitExceededException",
            "CreateSecret, LimitExceededException",
            "RegisterTaskDefinition, ClientException",
            "CreateService, InvalidParameterException",
            "RegisterScalableTarget, ValidationException" })
    void answers502AndLeavesNothingWhenACreateIsRefused(String operation, String code) {
        String application = Api.unique("fail");
        aws.fail(operation, 400, code, operation + " refused by the double", -1);

        Response response = asAdmin().body(Environments.resource("requests/create-environment-full.json"))
                .post(Environments.path("acme", application));

        assertError(response, 502, "ProvisioningFailed")
                .body("message", Matchers.containsString(operation))
                .body("message", Matchers.containsString(code))
                .body("message", Matchers.containsString(operation + " refused by the double"));
        List<String> sent = aws.requests(operation).stream()
                .map(request -> request.body() == null ? request.params().toString() : request.body().toString())
                .toList();
        assertEquals(sent.size(), sent.stream().distinct().count(), "a 4xx is not retried: " + sent);
        UUID id = environmentIdFromRequests(application);
        assertEquals(List.of(), aws.inventory(id));
        assertEquals(List.of(), support.ledger(id));
    }

    @Test
    void retriesThrottlingUntilTheCallSucceeds() {
        aws.throttle("CreateSecurityGroup", 2);
        aws.throttle("CreateTargetGroup", 2);
        aws.throttle("CreateFileSystem", 2);
        aws.throttle("RegisterTaskDefinition", 2);
        aws.throttle("CreateService", 3);
        EnvironmentPlan plan = Plans.web();

        Provisioned made = support.await(() -> provisioning.create(plan));

        assertEquals(3, aws.requests("CreateSecurityGroup").size());
        assertEquals(3, aws.requests("CreateTargetGroup").size());
        assertEquals(3, aws.requests("CreateFileSystem").size());
        assertEquals(3, aws.requests("RegisterTaskDefinition").size());
        assertEquals(4, aws.requests("CreateService").size());
        assertEquals(1, aws.inventory("service").stream().filter(s -> s.id().equals(made.service().arn())).count());
        assertEquals(support.ledger(plan.environmentId()).size(), aws.inventory(plan.environmentId()).size());
    }

    @Test
    void failsWithTheThrottlingCodeWhenTheDeadlinePasses() {
        aws.throttle("CreateRule", -1);
        EnvironmentPlan plan = Plans.web();

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(plan));

        assertEquals("CreateRule", failure.step());
        assertEquals("Throttling", failure.providerCode());
        assertTrue(aws.requests("CreateRule").size() > 2, "retried: " + aws.requests("CreateRule").size());
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void creatingAgainAfterACrashFindsWhatTheFirstAttemptMade() {
        EnvironmentPlan plan = Plans.webWithSecret();
        Provisioned first = support.await(() -> provisioning.create(plan));
        List<Resource> before = aws.inventory(plan.environmentId());
        // The crash: the cloud kept everything, the ledger lost every row.
        support.clearLedger(plan.environmentId());

        Provisioned second = support.await(() -> provisioning.create(plan));

        assertEquals(first.securityGroup().id(), second.securityGroup().id());
        assertEquals(first.loadBalancer().targetGroupArn(), second.loadBalancer().targetGroupArn());
        assertEquals(first.loadBalancer().listenerRuleArn(), second.loadBalancer().listenerRuleArn());
        assertEquals(first.fileSystem().id(), second.fileSystem().id());
        assertEquals(first.fileSystem().mountTargetIds().stream().sorted().toList(),
                second.fileSystem().mountTargetIds().stream().sorted().toList());
        assertEquals(first.volumes().get(0).accessPointId(), second.volumes().get(0).accessPointId());
        assertEquals(first.taskDefinition().arn(), second.taskDefinition().arn());
        assertEquals(first.service().arn(), second.service().arn());
        assertEquals(ids(before), ids(aws.inventory(plan.environmentId())), "no duplicate was made");

        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void eachPortCallRepeatedReturnsTheSameResource() {
        EnvironmentPlan plan = Plans.webWithSecret();
        Map<String, String> tags = Map.of("paddock:environment-id", plan.environmentId().toString(),
                "paddock:organisation", "acme", "paddock:application", "shop", "paddock:env-name", plan.envName());
        String token = plan.environmentId().toString().substring(0, 8);

        var group = twice(() -> network.createSecurityGroup(new NetworkPort.CreateSecurityGroup("twice-" + token,
                "twice", "vpc-0test0000000000", tags)));
        twice(() -> network.authorizeSecurityGroupIngress(new NetworkPort.AuthorizeSecurityGroupIngress(group.groupId(),
                8080, AwsDoubleResource.LOAD_BALANCER_GROUP, "lb", tags)));
        var targetGroup = twice(() -> network.createTargetGroup(new NetworkPort.CreateTargetGroup("twice-" + token, 8080,
                "vpc-0test0000000000", null, tags)));
        twice(() -> network.createRule(new NetworkPort.CreateRule(AwsDouble.LISTENER_ARN, "twice-" + token + ".example.com",
                targetGroup.targetGroupArn(), tags)));
        var fs = twice(() -> volumes.createFileSystem(new VolumePort.CreateFileSystem("twice-" + token, tags)));
        twice(() -> volumes.createAccessPoint(new VolumePort.CreateAccessPoint("twice-" + token, fs.fileSystemId(), "/data",
                tags)));
        twice(() -> volumes.createMountTarget(new VolumePort.CreateMountTarget(fs.fileSystemId(),
                AwsDoubleResource.SUBNETS.get(0), List.of(group.groupId()))));
        twice(() -> containers.createLogGroup(new ContainerPort.CreateLogGroup("/twice/" + token, tags)));
        var secret = twice(() -> containers.createSecret(new ContainerPort.CreateSecret("twice/" + token,
                "twice-token-" + plan.environmentId(), tags)));
        Map<String, String> definitionTags = new java.util.HashMap<>(tags);
        definitionTags.put(ResourceTags.DEFINITION_DIGEST, "digest-" + token);
        var definition = twice(() -> containers.registerTaskDefinition(new ContainerPort.RegisterTaskDefinition(
                "twice-" + token, plan.workload(), List.of(), "/twice/" + token, secret.secretArn(), Map.copyOf(definitionTags))));
        twice(() -> containers.createService(new ContainerPort.CreateService("paddock-test", "twice-" + token,
                definition.taskDefinitionArn(), 1, AwsDoubleResource.SUBNETS, List.of(group.groupId()), null, List.of(), tags)));

        Map<String, Long> byType = new java.util.TreeMap<>();
        aws.inventory(plan.environmentId()).forEach(r -> byType.merge(r.type(), 1L, Long::sum));
        Map<String, Long> once = new java.util.TreeMap<>();
        for (String type : List.of("access-point", "file-system", "listener-rule", "log-group", "mount-target", "secret",
                "security-group", "security-group-rule", "service", "target-group", "task-definition")) {
            once.put(type, 1L);
        }
        assertEquals(once, byType);
    }

    @Test
    void teardownRetriesASecurityGroupStillInUseAndTreatsWhatIsGoneAsDone() {
        EnvironmentPlan plan = Plans.web();
        Provisioned made = support.await(() -> provisioning.create(plan));
        aws.fail("DeleteSecurityGroup", 400, "DependencyViolation", "resource " + made.securityGroup().id()
                + " has a dependent object", 2);
        // Gone already: the rule was deleted outside Paddock.
        support.await(() -> network.deleteRule(made.loadBalancer().listenerRuleArn()));

        support.await(() -> provisioning.teardown(plan.environmentId()));

        assertEquals(3, aws.requests("DeleteSecurityGroup").size());
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
        assertEquals(List.of(), support.ledger(plan.environmentId()));
    }

    @Test
    void aDependencyThatOutlastsTheDeadlineLeavesTheRestInTheLedger() {
        EnvironmentPlan plan = Plans.worker();
        support.await(() -> provisioning.create(plan));
        aws.fail("DeleteSecurityGroup", 400, "DependencyViolation", "still in use", -1);

        ProvisioningFailedException failure = support.failure(() -> provisioning.teardown(plan.environmentId()));

        assertEquals("DeleteSecurityGroup", failure.step());
        assertEquals("DependencyViolation", failure.providerCode());
        assertFalse(failure.isTerminal(), "a group still in use may be deleted on a later pass");
        List<String> left = support.ledgerKinds(plan.environmentId());
        assertTrue(left.contains("SECURITY_GROUP"), left.toString());
        assertFalse(left.contains("SERVICE") || left.contains("TASK_DEFINITION"), "newer, already gone: " + left);
        aws.reset();
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void answersOnTheCallersContextAfterTheSdkThreads() {
        ProvisioningTestSupport.Outcome<Provisioned> created = support.run(() -> provisioning.create(Plans.worker()));
        created.get();
        assertTrue(created.onEventLoop());
        assertEquals(created.calledOn(), created.completedOn());
        ProvisioningTestSupport.Outcome<NetworkPort.SecurityGroup> direct = support.run(() -> network.createSecurityGroup(
                new NetworkPort.CreateSecurityGroup("direct-" + UUID.randomUUID(), "direct", "vpc-0test0000000000",
                        Map.of())));
        direct.get();
        assertEquals(direct.calledOn(), direct.completedOn(), "the adapter's Uni completes on the caller's context");
    }

    /** The check above can fail: an event loop held on purpose is reported through the captured logger. */
    @Test
    void theBlockedThreadCheckSeesAnEventLoopHeldOnPurpose() {
        support.await(() -> io.smallrye.mutiny.Uni.createFrom().item(() -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "held";
        }));
        eventually(() -> !blocked.warnings().isEmpty(), "a blocked-thread warning");
        assertTrue(blocked.warnings().get(0).contains("blocked"), blocked.warnings().toString());
        blocked.clear();
    }

    // --- helpers

    private <T> T twice(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> call) {
        T first = support.await(call);
        T second = support.await(call);
        // An access point's time is when Paddock saw it; the rest must be the same resource.
        assertEquals(String.valueOf(first).replaceAll("createdAt=[^\\]]*", ""),
                String.valueOf(second).replaceAll("createdAt=[^\\]]*", ""));
        return first;
    }

    private static List<String> ids(List<Resource> resources) {
        return resources.stream().map(Resource::id).sorted().toList();
    }

    private Request one(String operation) {
        List<Request> requests = aws.requests(operation);
        assertEquals(1, requests.size(), operation + ": " + requests);
        return requests.get(0);
    }

    private Resource only(String type, UUID id) {
        List<Resource> found = aws.inventory(id).stream().filter(r -> r.type().equals(type)).toList();
        assertEquals(1, found.size(), type + ": " + found);
        return found.get(0);
    }

    private static void assertTagged(UUID id, Map<String, String> params, String prefix) {
        assertTrue(params.entrySet().stream().anyMatch(e -> e.getKey().startsWith(prefix)
                && e.getValue().equals(id.toString())), "no environment tag under " + prefix + " in " + params);
    }

    private UUID environmentId(String application, String envName) {
        return aws.inventory("security-group").stream()
                .filter(g -> application.equals(g.tags().get("paddock:application"))
                        && envName.equals(g.tags().get("paddock:env-name")))
                .map(g -> UUID.fromString(g.tags().get("paddock:environment-id")))
                .findFirst().orElseThrow();
    }

    /** From the tags the first request sent (the environment's resources may all be gone by now). */
    private UUID environmentIdFromRequests(String application) {
        for (Request request : aws.requests()) {
            if (request.body() != null && request.body().toString().contains(application)) {
                java.util.regex.Matcher id = java.util.regex.Pattern.compile(
                        "paddock:environment-id\",\"[Vv]alue\":\"([0-9a-f-]{36})").matcher(request.body().toString());
                if (id.find()) {
                    return UUID.fromString(id.group(1));
                }
            }
        }
        throw new AssertionError("no request named " + application);
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
