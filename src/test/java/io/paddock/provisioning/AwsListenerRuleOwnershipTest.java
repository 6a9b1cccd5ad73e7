package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDouble.Resource;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The shared listener holds other rules than Paddock's: a rule for an environment's host is reused only when it
 * carries that environment's tag and forwards to its target group, and a rule without Paddock's tag is never changed
 * or deleted.
 */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsListenerRuleOwnershipTest {

    @Inject
    Provisioning provisioning;

    @Inject
    ProvisioningTestSupport support;

    @Inject
    NetworkPort network;

    AwsDouble aws;

    @BeforeEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    @AfterEach
    void clear() {
        aws.reset();
    }

    @Test
    void aRuleWithoutPaddocksTagForTheHostIsATerminalFailureAndIsLeftAsItWas() {
        EnvironmentPlan plan = Plans.web();
        Resource foreign = foreignRule(host(plan), Map.of("team", "billing"));

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(plan));

        assertEquals("CreateRule", failure.step());
        assertEquals("HostInUse", failure.providerCode());
        assertTrue(failure.isTerminal(), "a repeat cannot cure it");
        assertTrue(failure.getMessage().contains(foreign.id()), failure.getMessage());
        assertUntouched(foreign);
        assertEquals(List.of(), aws.inventory(plan.environmentId()), "the create was rolled back");
        assertEquals(List.of(), support.ledger(plan.environmentId()));
    }

    @Test
    void aRuleOfAnotherEnvironmentForTheSameHostIsNotTakenOver() {
        EnvironmentPlan plan = Plans.web();
        UUID other = UUID.randomUUID();
        Resource theirs = foreignRule(host(plan), Map.of(ResourceTags.ENVIRONMENT_ID, other.toString()));

        ProvisioningFailedException failure = support.failure(() -> provisioning.create(plan));

        assertEquals("HostInUse", failure.providerCode());
        assertTrue(failure.getMessage().contains(other.toString()), failure.getMessage());
        assertUntouched(theirs);
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void aRepeatedCreateReusesTheRuleThatCarriesTheEnvironmentsTag() {
        EnvironmentPlan plan = Plans.web();
        Provisioned first = support.await(() -> provisioning.create(plan));
        support.clearLedger(plan.environmentId());
        aws.reset();

        Provisioned second = support.await(() -> provisioning.create(plan));

        assertEquals(first.loadBalancer().listenerRuleArn(), second.loadBalancer().listenerRuleArn());
        assertEquals(List.of(), aws.requests("CreateRule"));
        assertTrue(!aws.requests("DescribeTags").isEmpty(), "the rule's owner was read from its tags");
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void deletingARuleWithoutPaddocksTagLeavesItInPlace() {
        Resource foreign = foreignRule("intranet-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com",
                Map.of());

        support.await(() -> network.deleteRule(foreign.id()));

        assertUntouched(foreign);
        assertEquals(List.of(), aws.requests("DeleteRule"));
    }

    private static String host(EnvironmentPlan plan) {
        return plan.envName() + ".shop.acme.apps.example.com";
    }

    /** A rule another tenant of the account made on the shared listener, forwarding to its own target group. */
    private Resource foreignRule(String host, Map<String, String> tags) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String targetGroup = "arn:aws:elasticloadbalancing:" + AwsDouble.REGION + ":" + AwsDouble.ACCOUNT
                + ":targetgroup/other-" + suffix.substring(0, 8) + "/" + suffix;
        ObjectNode state = JsonNodeFactory.instance.objectNode().put("created", System.nanoTime())
                .put("listenerArn", AwsDouble.LISTENER_ARN).put("priority", 49_000 + (int) (Math.random() * 900))
                .put("field", "host-header").put("host", host).put("actionType", "forward")
                .put("targetGroupArn", targetGroup);
        Resource rule = new Resource("listener-rule", AwsDouble.LISTENER_ARN.replace(":listener/", ":listener-rule/")
                + "/" + suffix, host, tags, state);
        aws.add(rule);
        return rule;
    }

    private void assertUntouched(Resource rule) {
        Resource now = aws.find(rule.id()).orElseThrow(() -> new AssertionError("the rule was deleted: " + rule));
        assertEquals(rule.tags(), now.tags());
        assertEquals(rule.state().path("targetGroupArn").asText(), now.state().path("targetGroupArn").asText());
    }
}
