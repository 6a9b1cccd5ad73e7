-- One owner for an environment's lifecycle (EnvironmentTransitions in the code), and what real AWS needs of
-- that lifecycle. This migration gives the owner what it needs in the database:
--   * environment_is_live(status), the one SQL statement of which environments are live (hold their name,
--     count against the application's limit and the catalog's projectCount). Its Java twin is
--     EnvironmentStatus.isLive(); EnvironmentTransitionsTest checks that the two agree for every status. The
--     partial indexes that were written with the rule spelled out are made again with the function (a SQL
--     function the planner inlines, so a query that calls it matches the index's predicate);
--   * names unique regardless of case: an envName is a host name label, and host names know no case, so
--     "Staging" and "staging" would share a load-balancer rule. Two live environments of one application whose
--     names differ only in case make this migration fail: delete or rename one of them first;
--   * lease_token, the fencing token: a fresh one every time a lease is taken (by the replica that starts the
--     work, or by a reconciler that takes it over). Every write of the work's outcome names the token it
--     holds, so a worker whose lease was taken over can no longer write anything;
--   * failure_terminal: the reconciler met a failure that retrying does not cure (the provider refused the
--     request itself). It records it here and leaves the environment alone until someone acts on it;
--   * previous_compose, previous_min_capacity, previous_max_capacity: what an environment ran before the
--     change it is UPDATING for, so that a reconciler that cannot apply an interrupted change puts it back;
--   * attempts: how many times in a row the reconciler failed to make the environment whole; its next try
--     waits longer each time (lease_expires_at is set to when it may be tried again), up to a cap;
--   * admit_environment(...), the create's checks and its insert, which answers with what it found rather
--     than with words for the outcome, and refuses a name whose FAILED environment still has cloud resources
--     in its ledger (the reconciler is removing them; a new environment of that name would meet them, its
--     listener rule first).

CREATE FUNCTION environment_is_live(p_status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE
AS $$ SELECT p_status NOT IN ('FAILED', 'DELETING') $$;

DROP INDEX application_environment_live_name_idx;
CREATE UNIQUE INDEX application_environment_live_name_idx
    ON application_environment (organisation, application, lower(env_name))
    WHERE environment_is_live(status);

DROP INDEX application_environment_live_env_name_idx;
CREATE INDEX application_environment_live_env_name_idx
    ON application_environment (env_name, organisation, application)
    WHERE environment_is_live(status);

CREATE INDEX application_environment_name_idx
    ON application_environment (organisation, application, lower(env_name));

ALTER TABLE application_environment
    ADD COLUMN lease_token           uuid,
    ADD COLUMN failure_terminal      boolean NOT NULL DEFAULT false,
    ADD COLUMN previous_compose      text,
    ADD COLUMN previous_min_capacity integer,
    ADD COLUMN previous_max_capacity integer,
    ADD COLUMN attempts              integer NOT NULL DEFAULT 0;

-- The failed environments a reconciler may still have to clean up after.
CREATE INDEX application_environment_failed_idx
    ON application_environment (lease_expires_at)
    WHERE status = 'FAILED';

DROP FUNCTION insert_creating_environment(uuid, text, text, text, integer, integer, integer, text, text, text,
    timestamptz, text, timestamptz, integer);

-- The create's checks and its insert in one call: one round trip and one transaction, under the
-- application's advisory lock, which serialises every write that counts or names its environments:
--   1. the visible environment of that name regardless of case (not DELETING; a live one first): a live one
--      refuses the create;
--   2. a FAILED environment of that name with resources left in its ledger refuses it too;
--   3. the catalog environment of that name, share-locked until the transaction ends, so it cannot be
--      deleted, disabled or changed meanwhile: a disabled one refuses the create;
--   4. the application's live environments: at the limit the create is refused;
--   5. a FAILED environment of that name gives way to the new one, which is inserted as CREATING with its
--      lease.
-- It answers with what it found: admitted, the status of the namesake, whether it has leftovers, whether the
-- stage is enabled, and the live count (with the new environment when admitted). Each statement after the lock
-- reads with a snapshot of its own (a VOLATILE function in READ COMMITTED), so it sees what another create
-- committed while this one waited for the lock.
CREATE FUNCTION admit_environment(
    p_id uuid, p_organisation text, p_application text, p_env_name text,
    p_min_capacity integer, p_max_capacity integer, p_desired_count integer,
    p_clone_configuration_from text, p_image_suffix text, p_compose text, p_now timestamptz,
    p_lease_owner text, p_lease_expires_at timestamptz, p_lease_token uuid, p_limit integer)
    RETURNS TABLE (admitted boolean, namesake_status text, leftovers boolean, stage_enabled boolean,
                   live_count bigint)
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    v_namesake text;
    v_leftovers boolean;
    v_enabled boolean;
    v_live bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_organisation || '/' || p_application, 0));

    SELECT a.status INTO v_namesake
      FROM application_environment a
     WHERE a.organisation = p_organisation AND a.application = p_application
       AND lower(a.env_name) = lower(p_env_name) AND a.status <> 'DELETING'
     ORDER BY CASE WHEN environment_is_live(a.status) THEN 0 ELSE 1 END, a.created_at DESC
     LIMIT 1;
    IF environment_is_live(v_namesake) THEN
        RETURN QUERY SELECT false, v_namesake, false, NULL::boolean, NULL::bigint;
        RETURN;
    END IF;

    SELECT EXISTS (SELECT 1
                     FROM application_environment a
                     JOIN provisioned_resource r ON r.environment_id = a.id
                    WHERE a.organisation = p_organisation AND a.application = p_application
                      AND lower(a.env_name) = lower(p_env_name) AND a.status = 'FAILED')
      INTO v_leftovers;
    IF v_leftovers THEN
        RETURN QUERY SELECT false, v_namesake, true, NULL::boolean, NULL::bigint;
        RETURN;
    END IF;

    SELECT c.enabled INTO v_enabled FROM catalog_environment c WHERE c.name = p_env_name FOR SHARE;
    IF v_enabled IS FALSE THEN
        RETURN QUERY SELECT false, v_namesake, false, v_enabled, NULL::bigint;
        RETURN;
    END IF;

    SELECT count(*) INTO v_live
      FROM application_environment a
     WHERE a.organisation = p_organisation AND a.application = p_application
       AND environment_is_live(a.status);
    IF v_live >= p_limit THEN
        RETURN QUERY SELECT false, v_namesake, false, v_enabled, v_live;
        RETURN;
    END IF;

    IF v_namesake IS NOT NULL THEN
        DELETE FROM application_environment a
         WHERE a.organisation = p_organisation AND a.application = p_application
           AND lower(a.env_name) = lower(p_env_name) AND a.status = 'FAILED';
    END IF;

    INSERT INTO application_environment (id, organisation, application, env_name, status, min_capacity,
                                         max_capacity, desired_count, clone_configuration_from, image_suffix,
                                         compose, created_at, updated_at, lease_owner, lease_expires_at,
                                         lease_token)
    VALUES (p_id, p_organisation, p_application, p_env_name, 'CREATING', p_min_capacity, p_max_capacity,
            p_desired_count, p_clone_configuration_from, p_image_suffix, p_compose, p_now, p_now, p_lease_owner,
            p_lease_expires_at, p_lease_token);
    RETURN QUERY SELECT true, v_namesake, false, v_enabled, v_live + 1;
END;
$$;
