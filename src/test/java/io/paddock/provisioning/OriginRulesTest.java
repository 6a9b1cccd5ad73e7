package io.paddock.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.paddock.provisioning.OriginRules.OriginHeader;
import io.paddock.provisioning.OriginRules.OriginRule;

class OriginRulesTest {

    private static final OriginHeader HEADER = new OriginHeader("X-Origin-Verify", "secret");

    @Test
    void ipAllowRangesGoFourToARuleBehindOneDenyRuleAndTheHeaderRule() {
        List<String> ranges = List.of("10.0.0.0/8", "192.0.2.1", "198.51.100.0/24", "2001:db8::/32", "203.0.113.7",
                "172.16.0.0/12", "100.64.0.0/10", "2001:db8::1", "192.168.0.0/16");
        List<OriginRule> rules = OriginRules.of(protectedWorkload(true, null, ranges, "www.example.com"), HEADER);

        assertEquals(List.of(OriginRule.Kind.DENY, OriginRule.Kind.ALLOW_HEADER, OriginRule.Kind.ALLOW_SOURCE_IP,
                OriginRule.Kind.ALLOW_SOURCE_IP, OriginRule.Kind.ALLOW_SOURCE_IP), rules.stream().map(OriginRule::kind).toList());
        assertEquals("origin deny 302 www.example.com", rules.get(0).signature());
        assertEquals(List.of("10.0.0.0/8", "192.0.2.1/32", "198.51.100.0/24", "2001:db8::/32"), rules.get(2).sourceIps());
        assertEquals(List.of("192.168.0.0/16"), rules.get(4).sourceIps());
        rules.forEach(rule -> assertEquals(true, rule.sourceIps().size() + 1 <= OriginRules.CONDITION_VALUES));
        assertEquals(false, rules.get(1).signature().contains("secret"), "the header's value is never in a signature");
    }

    @Test
    void theOlderBooleanProtectsWithADenyRuleAndTheHeaderRuleAndEnabledFalseTurnsItOff() {
        assertEquals(List.of("origin deny 403", "origin allow X-Origin-Verify sha256:" + ResourceNames.sha256("secret")
                .substring(0, 12)), OriginRules.of(protectedWorkload(null, true, null, null), HEADER).stream()
                .map(OriginRule::signature).toList());
        assertEquals(List.of(), OriginRules.of(protectedWorkload(false, true, List.of("10.0.0.0/8"), null), HEADER));
        assertEquals(List.of(), OriginRules.of(protectedWorkload(null, false, null, null), HEADER));
        assertEquals(List.of(OriginRule.Kind.DENY), OriginRules.of(protectedWorkload(true, null, null, null),
                new OriginHeader("X-Origin-Verify", null)).stream().map(OriginRule::kind).toList());
    }

    @Test
    void roomBelowTheHostRuleIsMadeByMovingItUp() {
        assertEquals(10, OriginRules.roomFor(Set.of(10), 10, 3));
        assertEquals(5, OriginRules.roomFor(Set.of(1, 2), 1, 3), "host at 1, 2 taken: 1, 3 and 4 are free below 5");
        assertEquals(5, OriginRules.highestFreeBelow(Set.of(6, 7), 7, 0));
        assertEquals(4, OriginRules.highestFreeBelow(Set.of(6, 7), 7, 1));
    }

    private static Workload protectedWorkload(Boolean enabled, Boolean originProtection, List<String> ipAllow,
            String redirectHost) {
        Workload.OriginProtectionConfig config = enabled == null && ipAllow == null && redirectHost == null ? null
                : new Workload.OriginProtectionConfig(enabled, ipAllow, redirectHost);
        Workload.Container web = new Workload.Container("web", new Workload.ImageReference("external", "nginx"), null,
                null, null, List.of(8080), null, null, null, null, null, null, null, null, true, null, null,
                originProtection, config);
        return new Workload(List.of(web), "X86_64", 256, 512, null, 1, 1, null, null, null);
    }
}
