package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.paddock.testing.aws.AwsDouble;
import io.paddock.testing.aws.AwsDoubleResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2AsyncClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/** Origin protection as ALB listener rules, on the aws provider against the AWS double's ELBv2. */
@QuarkusTest
@TestProfile(AwsDoubleResource.Profile.class)
class AwsOriginProtectionTest {

    @Inject
    Provisioning provisioning;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    ElasticLoadBalancingV2AsyncClient elb;

    AwsDouble aws;

    @BeforeEach
    void reset() {
        aws = AwsDoubleResource.aws();
        aws.reset();
    }

    @Test
    void createsTheDenyRuleAndTheAllowRulesInFrontOfTheHostRule() {
        List<String> ranges = List.of("10.0.0.0/8", "192.0.2.1", "198.51.100.0/24", "203.0.113.0/24", "172.16.0.0/12");
        EnvironmentPlan plan = Plans.plan(LocalOriginProtectionTest.protectedCompose(ranges, "www.example.com"));
        Provisioned made = support.await(() -> provisioning.create(plan));

        List<Map<String, String>> created = aws.requests("CreateRule").stream().map(AwsDouble.Request::params).toList();
        assertEquals(5, created.size(), created.toString());
        int host = priority(made.loadBalancer().listenerRuleArn());
        Map<String, String> deny = created.get(1);
        assertEquals("redirect", deny.get("Actions.member.1.Type"));
        assertEquals("www.example.com", deny.get("Actions.member.1.RedirectConfig.Host"));
        assertEquals("HTTP_302", deny.get("Actions.member.1.RedirectConfig.StatusCode"));
        assertEquals("/#{path}", deny.get("Actions.member.1.RedirectConfig.Path"));
        assertEquals("#{query}", deny.get("Actions.member.1.RedirectConfig.Query"));
        int denyPriority = Integer.parseInt(deny.get("Priority"));
        assertTrue(denyPriority < host, denyPriority + " < " + host);

        Map<String, String> header = created.get(2);
        assertEquals("http-header", header.get("Conditions.member.2.Field"));
        assertEquals("X-Origin-Verify", header.get("Conditions.member.2.HttpHeaderConfig.HttpHeaderName"));
        assertEquals("paddock-test-origin-secret", header.get("Conditions.member.2.HttpHeaderConfig.Values.member.1"));
        Map<String, String> firstRanges = created.get(3);
        assertEquals("source-ip", firstRanges.get("Conditions.member.2.Field"));
        assertEquals("192.0.2.1/32", firstRanges.get("Conditions.member.2.SourceIpConfig.Values.member.2"));
        assertEquals("172.16.0.0/12", created.get(4).get("Conditions.member.2.SourceIpConfig.Values.member.1"));
        for (Map<String, String> allow : created.subList(2, 5)) {
            assertEquals("forward", allow.get("Actions.member.1.Type"));
            assertEquals(made.loadBalancer().targetGroupArn(), allow.get("Actions.member.1.TargetGroupArn"));
            assertTrue(Integer.parseInt(allow.get("Priority")) < denyPriority);
        }

        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(List.of(), aws.inventory(plan.environmentId()));
    }

    @Test
    void theDoubleRefusesMoreThanFiveConditionValuesInARule() {
        CompletionException refused = Assertions.assertThrows(CompletionException.class, () -> elb.createRule(create -> create
                .listenerArn(AwsDouble.LISTENER_ARN).priority(49_999)
                .conditions(RuleCondition.builder().field("host-header").hostHeaderConfig(h -> h.values("a.example.com"))
                                .build(),
                        RuleCondition.builder().field("source-ip").sourceIpConfig(s -> s.values("10.0.0.0/8", "10.1.0.0/16",
                                "10.2.0.0/16", "10.3.0.0/16", "10.4.0.0/16")).build())
                .actions(action -> action.type("fixed-response").fixedResponseConfig(f -> f.statusCode("403")))).join());
        assertTrue(refused.getCause().getMessage().contains("can only have '5' condition values"), refused.getMessage());
    }

    private int priority(String ruleArn) {
        return aws.find(ruleArn).orElseThrow().state().path("priority").asInt();
    }
}
