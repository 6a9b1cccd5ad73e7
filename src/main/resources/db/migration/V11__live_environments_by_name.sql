-- The catalog counts the applications with a live environment of each name (projectCount) in every view
-- and create. The unique index on (organisation, application, env_name) is partial on the same condition and
-- index-only, so the planner took it and read it whole for every count. This one starts with the name: a
-- count reads only that name's entries.
CREATE INDEX application_environment_live_env_name_idx
    ON application_environment (env_name, organisation, application)
    WHERE status NOT IN ('FAILED', 'DELETING');
