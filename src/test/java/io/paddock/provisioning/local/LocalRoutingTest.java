package io.paddock.provisioning.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.paddock.provisioning.local.LocalRouting.Decision;
import io.paddock.provisioning.local.LocalRouting.Request;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The local listener's routing decision, rule by rule, as an ALB's. */
class LocalRoutingTest {

    private static final String HOST = "dev.shop.acme.apps.paddock.local";
    private static final String TARGETS = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/1";

    @Test
    void allowedSourcesAndTheCdnAreForwardedAndOthersRedirectedWithPathAndQuery() {
        List<LocalInventory.Resource> rules = List.of(
                rule(10, new JsonObject()),
                rule(9, new JsonObject().put("action", "redirect").put("statusCode", 302).put("redirectHost", "www.example.com")),
                rule(8, new JsonObject().put("action", "forward").put("httpHeader",
                        new JsonObject().put("name", "X-Origin-Verify").put("value", "secret"))),
                rule(7, new JsonObject().put("action", "forward").put("sourceIps",
                        new JsonArray().add("10.0.0.0/8").add("2001:db8::/32"))));

        assertEquals("forward", decide(rules, "10.1.2.3", Map.of()).action());
        assertEquals(TARGETS, decide(rules, "2001:db8::5", Map.of()).targetGroupArn());
        assertEquals("forward", decide(rules, "203.0.113.9", Map.of("x-origin-verify", "secret")).action());
        Decision other = decide(rules, "203.0.113.9", Map.of("X-Origin-Verify", "wrong"));
        assertEquals(302, other.statusCode());
        assertEquals("https://www.example.com/shop/cart?item=1", other.location());
        assertEquals(404, LocalRouting.decide(rules, new Request("other.example.com", "10.1.2.3", Map.of(), "/", null))
                .statusCode());
    }

    @Test
    void withoutARedirectHostOthersGet403AndAnUnprotectedHostForwardsEveryone() {
        List<LocalInventory.Resource> rules = List.of(rule(3, new JsonObject()),
                rule(2, new JsonObject().put("action", "fixed-response").put("statusCode", 403)));
        assertEquals(403, decide(rules, "10.1.2.3", Map.of()).statusCode());
        assertEquals("forward", decide(List.of(rule(3, new JsonObject())), "10.1.2.3", Map.of()).action());
    }

    @Test
    void matchesAddressesAgainstCidrRanges() {
        assertTrue(LocalRouting.inRange("192.0.2.255", "192.0.2.0/24"));
        assertFalse(LocalRouting.inRange("192.0.3.0", "192.0.2.0/24"));
        assertTrue(LocalRouting.inRange("203.0.113.7", "203.0.113.7/32"));
        assertFalse(LocalRouting.inRange("10.0.0.1", "2001:db8::/32"));
    }

    private static Decision decide(List<LocalInventory.Resource> rules, String sourceIp, Map<String, String> headers) {
        return LocalRouting.decide(rules, new Request(HOST, sourceIp, headers, "/shop/cart", "item=1"));
    }

    private static LocalInventory.Resource rule(int priority, JsonObject attributes) {
        return new LocalInventory.Resource("rule-" + priority, LocalResourceType.LISTENER_RULE, null, HOST, TARGETS,
                attributes.put("priority", priority).put("hostHeader", HOST).put("listenerArn", "listener"));
    }
}
