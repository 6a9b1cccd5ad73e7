package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.paddock.environments.Compose;
import io.paddock.provisioning.local.LocalRouting;
import io.paddock.provisioning.local.LocalRouting.Request;
import io.quarkus.test.junit.QuarkusTest;

/** originProtectionConfig on the local provider: rules in its inventory, and the listener routing by them. */
@QuarkusTest
class LocalOriginProtectionTest {

    @Inject
    Provisioning provisioning;
    @Inject
    ProvisioningTestSupport support;
    @Inject
    LocalRouting routing;
    @Inject
    CloudSite site;

    @Test
    void protectsTheHostAndAChangeReplacesTheRules() {
        EnvironmentPlan plan = Plans.plan(protectedCompose(List.of("10.0.0.0/8"), null));
        Provisioned made = support.await(() -> provisioning.create(plan));
        String host = made.loadBalancer().hostname();

        assertEquals(List.of("LISTENER_RULE", "LISTENER_RULE", "LISTENER_RULE", "LISTENER_RULE"),
                support.ledgerKinds(plan.environmentId()).stream().filter("LISTENER_RULE"::equals).toList());
        assertEquals("forward", route(host, "10.9.8.7", Map.of()).action());
        assertEquals("forward", route(host, "203.0.113.9", Map.of("X-Origin-Verify", "paddock-test-origin-secret")).action());
        assertEquals(403, route(host, "203.0.113.9", Map.of()).statusCode());

        Provisioned updated = support.await(() -> provisioning.update(Plans.with(plan,
                protectedCompose(List.of("192.0.2.0/24"), "www.example.com")), made));
        assertEquals("forward", route(host, "192.0.2.10", Map.of()).action());
        LocalRouting.Decision other = route(host, "10.9.8.7", Map.of());
        assertEquals(302, other.statusCode());
        assertEquals("https://www.example.com/cart?x=1", other.location());
        assertEquals(4, support.ledgerKinds(plan.environmentId()).stream().filter("LISTENER_RULE"::equals).count(),
                "the rules replaced are gone");

        support.await(() -> provisioning.update(Plans.with(plan, Plans.compose("nginx:1.27", List.of(8080), List.of())),
                updated));
        assertEquals("forward", route(host, "10.9.8.7", Map.of()).action());
        support.await(() -> provisioning.teardown(plan.environmentId()));
        assertEquals(404, route(host, "10.9.8.7", Map.of()).statusCode());
        assertFalse(support.inventoryTypes(plan.environmentId()).contains("listener-rule"));
    }

    @Test
    void theOlderBooleanAloneLetsOnlyTheCdnThrough() {
        Compose web = Plans.compose("nginx:1.27", List.of(8080), List.of());
        Compose.Container c = web.containers().get(0);
        Compose.Container flagged = new Compose.Container(c.name(), c.imageReference(), c.cpu(), c.memory(), null,
                c.exposedPorts(), null, null, null, null, null, null, null, null, true, false, null, true, null);
        EnvironmentPlan plan = Plans.plan(web.withContainers(List.of(flagged)));
        Provisioned made = support.await(() -> provisioning.create(plan));
        String host = made.loadBalancer().hostname();
        assertEquals(403, route(host, "10.9.8.7", Map.of()).statusCode());
        assertTrue("forward".equals(route(host, "10.9.8.7", Map.of("X-Origin-Verify", "paddock-test-origin-secret"))
                .action()));
        support.await(() -> provisioning.teardown(plan.environmentId()));
    }

    private LocalRouting.Decision route(String host, String sourceIp, Map<String, String> headers) {
        return support.await(() -> routing.route(site.listenerArn(), new Request(host, sourceIp, headers, "/cart", "x=1")));
    }

    static Compose protectedCompose(List<String> ipAllow, String redirectHost) {
        Compose web = Plans.compose("nginx:1.27", List.of(8080), List.of());
        Compose.Container c = web.containers().get(0);
        Compose.Container guarded = new Compose.Container(c.name(), c.imageReference(), c.cpu(), c.memory(), null,
                c.exposedPorts(), null, null, null, null, null, null, null, null, true, false, null, false,
                new Compose.OriginProtectionConfig(true, ipAllow, redirectHost));
        return web.withContainers(List.of(guarded));
    }
}
