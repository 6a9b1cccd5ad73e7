package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.paddock.testing.Api;
import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Request;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;

/** Cross-environment networking on the aws provider, against the AWS double's EC2 and ECS. */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsSharedGroupsTest {

    @Inject
    Provisioning provisioning;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    SharedGroups sharedGroups;

    AwsDouble aws;

    @BeforeEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    @Test
    void twoEnvironmentsCreatedAtOnceMakeOneGroupOpenToItselfAndAttachItToBothServices() {
        String application = Api.unique("net");
        EnvironmentPlan first = Plans.plan(Plans.networked(true, false), "acme", application);
        EnvironmentPlan second = Plans.plan(Plans.networked(true, false), "acme", application);
        List<Provisioned> made = support.await(() -> Uni.join().all(provisioning.create(first),
                provisioning.create(second)).andFailFast());

        List<AwsDouble.Resource> shared = aws.inventory("security-group").stream()
                .filter(group -> ("application:acme/" + application).equals(group.tags().get("paddock:shared-scope")))
                .toList();
        assertEquals(1, shared.size(), shared.toString());
        String groupId = shared.get(0).id();
        assertFalse(shared.get(0).tags().containsKey("paddock:environment-id"), "the group is no one environment's");
        Map<String, String> self = aws.requests("AuthorizeSecurityGroupIngress").stream().map(Request::params)
                .filter(params -> groupId.equals(params.get("GroupId"))).findFirst().orElseThrow();
        assertEquals("-1", self.get("IpPermissions.1.IpProtocol"));
        assertEquals(groupId, self.get("IpPermissions.1.Groups.1.GroupId"));
        for (Provisioned one : made) {
            assertEquals("[\"" + one.securityGroup().id() + "\",\"" + groupId + "\"]",
                    aws.find(one.service().arn()).orElseThrow().state().path("securityGroups").toString());
        }

        support.await(() -> provisioning.teardown(first.environmentId()));
        assertTrue(aws.find(groupId).isPresent());
        support.await(() -> provisioning.teardown(second.environmentId()));
        assertTrue(aws.find(groupId).isEmpty());
        assertEquals(List.of(), aws.inventory(first.environmentId()));
    }

    @Test
    void turningTheFlagOffTakesTheGroupOffTheServiceWithANewDeploymentAndDeletesIt() {
        String application = Api.unique("net");
        EnvironmentPlan plan = Plans.plan(Plans.networked(true, false), "acme", application);
        Provisioned made = support.await(() -> provisioning.create(plan));
        String groupId = aws.find(made.service().arn()).orElseThrow().state().path("securityGroups").get(1).asText();

        aws.reset();
        support.await(() -> provisioning.update(Plans.with(plan, Plans.networked(false, false)), made));
        JsonNode update = aws.requests("UpdateService").get(0).body();
        assertTrue(update.path("forceNewDeployment").asBoolean());
        assertEquals("[\"" + made.securityGroup().id() + "\"]",
                update.path("networkConfiguration").path("awsvpcConfiguration").path("securityGroups").toString());
        assertEquals(groupId, aws.requests("DeleteSecurityGroup").get(0).params().get("GroupId"));
        assertTrue(aws.find(groupId).isEmpty());

        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    @Test
    void aGroupStillInUseIsLeftInTheLedgerAndDeletedByALaterTeardown() {
        String application = Api.unique("net");
        EnvironmentPlan plan = Plans.plan(Plans.networked(false, true), "org-" + application, application);
        Provisioned made = support.await(() -> provisioning.create(plan));
        String groupId = aws.find(made.service().arn()).orElseThrow().state().path("securityGroups").get(1).asText();

        // The group's deletion keeps being refused, as while the tasks' network interfaces go away.
        aws.fail("DeleteSecurityGroup", 400, "DependencyViolation", "resource " + groupId + " has a dependent object", -1);
        support.run(() -> provisioning.teardown(plan.environmentId()));
        assertTrue(aws.find(groupId).isPresent());
        // A deleted service stays INACTIVE for a while, as on AWS: it went before the group.
        assertEquals("INACTIVE", aws.find(made.service().arn()).map(service -> service.state().path("status").asText())
                .orElse("INACTIVE"), "the service went before the group");
        assertTrue(support.ledgerKinds(plan.environmentId()).contains("SHARED_GROUP_MEMBERSHIP"));
        assertEquals(List.of(plan.environmentId()),
                support.await(() -> sharedGroups.members("organisation:org-" + application)));

        aws.reset();
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertTrue(aws.find(groupId).isEmpty());
        assertEquals(List.of(), support.ledgerKinds(plan.environmentId()));
    }
}
