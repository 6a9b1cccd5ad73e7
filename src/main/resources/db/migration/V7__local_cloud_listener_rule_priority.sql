-- The local provider picks a new listener rule's priority as the highest on its listener plus one. Without
-- this index that look-up reads every resource of the simulated cloud, so each environment created made the
-- next one slower. (Numbered after main's V6; the local provider's tables are its own.)
CREATE INDEX local_cloud_listener_rule_priority_idx
    ON local_cloud_resource ((attributes ->> 'listenerArn'), ((attributes ->> 'priority')::int))
    WHERE type = 'listener-rule';
