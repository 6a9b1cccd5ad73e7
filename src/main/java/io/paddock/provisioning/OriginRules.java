package io.paddock.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A protected container's routing on the shared listener, as rules in front of the environment's host rule: requests
 * from an {@code ipAllow} range, or carrying the CDN's origin header, are forwarded; every other request for the host
 * gets a {@code 403}, or a {@code 302} to {@code https://<redirectHost>} keeping its path and query. The first rule
 * is the deny rule; the allow rules must come before it (lower priorities).
 *
 * <p>ELB allows at most {@link #CONDITION_VALUES} condition values per rule; the host header takes one, so each
 * source-ip rule takes up to four ranges.
 */
public final class OriginRules {

    /** ELB's limit of condition values in one rule. */
    public static final int CONDITION_VALUES = 5;
    static final int RANGES_PER_RULE = CONDITION_VALUES - 1;
    /** ALB rule priorities run from 1 to 50000. */
    static final int MAX_PRIORITY = 50_000;

    /** How a request proves it came through the CDN: a header and its secret value (absent: no such rule). */
    public record OriginHeader(String name, String value) {
    }

    /**
     * One rule: {@code DENY} (fixed 403, or a 302 to {@code redirectHost} when set), {@code ALLOW_SOURCE_IP}
     * ({@code sourceIps}), {@code ALLOW_HEADER} ({@code header}). Every rule also matches the environment's host.
     */
    public record OriginRule(Kind kind, List<String> sourceIps, OriginHeader header, String redirectHost) {

        public enum Kind {
            DENY, ALLOW_SOURCE_IP, ALLOW_HEADER
        }

        /**
         * What the rule is, for the ledger's name and for telling whether a change needs new rules: the header's value
         * only as a digest.
         */
        public String signature() {
            return "origin " + switch (kind) {
                case DENY -> redirectHost == null ? "deny 403" : "deny 302 " + redirectHost;
                case ALLOW_SOURCE_IP -> "allow " + String.join(",", sourceIps);
                case ALLOW_HEADER -> "allow " + header.name() + " sha256:"
                        + ResourceNames.sha256(header.value()).substring(0, 12);
            };
        }
    }

    private OriginRules() {
    }

    /**
     * The host rule's priority if {@code count} priorities below it are free, else the lowest free priority above it
     * that has (its old place counts as free once it moves).
     */
    public static int roomFor(Set<Integer> taken, int host, int count) {
        int free = 0;
        for (int p = 1; p < host; p++) {
            free += taken.contains(p) ? 0 : 1;
        }
        if (free >= count) {
            return host;
        }
        free++;
        for (int p = host + 1; p <= MAX_PRIORITY; p++) {
            if (!taken.contains(p)) {
                if (free >= count) {
                    return p;
                }
                free++;
            }
        }
        throw ProviderException.refused(CloudOperation.CREATE_RULE, "TooManyRules",
                "the listener has no room for " + count + " origin protection rules");
    }

    /** The highest priority below {@code below} not taken; later attempts (after PriorityInUse) look further down. */
    public static int highestFreeBelow(Set<Integer> taken, int below, int attempt) {
        int skipped = 0;
        for (int p = below - 1; p >= 1; p--) {
            if (!taken.contains(p)) {
                if (skipped == attempt) {
                    return p;
                }
                skipped++;
            }
        }
        throw ProviderException.refused(CloudOperation.CREATE_RULE, "TooManyRules",
                "no free rule priority below " + below + " on the listener");
    }


    /**
     * The rules the workload's routed container asks for, deny rule first; none when it is not protected (or exposes
     * no port). {@code originProtectionConfig.enabled} decides when set, else the older {@code originProtection}.
     */
    public static List<OriginRule> of(Workload workload, OriginHeader header) {
        Workload.Container routed = workload.routedContainer();
        if (routed == null) {
            return List.of();
        }
        Workload.OriginProtectionConfig config = routed.originProtectionConfig();
        boolean enabled = config != null && config.enabled() != null ? config.enabled()
                : Boolean.TRUE.equals(routed.originProtection());
        if (!enabled) {
            return List.of();
        }
        List<OriginRule> rules = new ArrayList<>();
        rules.add(new OriginRule(OriginRule.Kind.DENY, List.of(), null, config == null ? null : config.redirectHost()));
        if (header != null && header.value() != null && !header.value().isEmpty()) {
            rules.add(new OriginRule(OriginRule.Kind.ALLOW_HEADER, List.of(), header, null));
        }
        List<String> ranges = config == null || config.ipAllow() == null ? List.of()
                : config.ipAllow().stream().map(OriginRules::cidr).distinct().toList();
        for (int from = 0; from < ranges.size(); from += RANGES_PER_RULE) {
            rules.add(new OriginRule(OriginRule.Kind.ALLOW_SOURCE_IP,
                    List.copyOf(ranges.subList(from, Math.min(ranges.size(), from + RANGES_PER_RULE))), null, null));
        }
        return List.copyOf(rules);
    }

    /** ELB's source-ip condition takes CIDR ranges: a single address is its /32 (or /128). */
    static String cidr(String entry) {
        if (entry.contains("/")) {
            return entry;
        }
        return entry.contains(":") ? entry + "/128" : entry + "/32";
    }
}
