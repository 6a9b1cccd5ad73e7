package io.paddock.provisioning;

import java.util.Map;
import java.util.Set;

import io.paddock.provisioning.NetworkPort.ListenerRule;
import io.paddock.provisioning.OriginRules.OriginRule;
import io.smallrye.mutiny.Uni;

/**
 * Origin protection's listener rules (ELBv2): they sit in front of the environment's host rule, so they need
 * priorities below it. Deleted as any listener rule ({@link NetworkPort#deleteRule}). Each returned {@link Uni}
 * completes on any thread and fails with {@link ProviderException}.
 */
public interface OriginRulePort {

    /**
     * ELBv2 DescribeRules, then SetRulePriorities of the host rule when fewer than {@code count} priorities below it
     * are free: it moves up to the first priority that leaves that many. Answers the host rule's priority.
     */
    Uni<Integer> makeRoom(String listenerArn, String hostRuleArn, int count);

    /**
     * ELBv2 CreateRule: the rule (with the host-header condition) at the highest free priority below
     * {@code below}; the listener's rule for the same host, conditions and action when it has one already, unless it is
     * one of {@code replacing} (the rules a change makes new ones for, deleted once the new ones are in place).
     */
    Uni<ListenerRule> createOriginRule(CreateOriginRule request);

    record CreateOriginRule(String listenerArn, String hostHeader, String targetGroupArn, OriginRule rule, int below,
            Set<String> replacing, Map<String, String> tags) {
    }
}
