-- An application environment's own variables (the variables API, or a create's `environment`): a JSON array of
-- {name, value} in the order they were set, injected into every container of its task definition. Changing them is
-- a change of the environment like a compose update, so previous_variables keeps what it had before the change it
-- is UPDATING for, for a reconciler that cannot apply an interrupted change to put back (as previous_compose).
-- admit_environment takes the variables a create starts with.

ALTER TABLE application_environment
    ADD COLUMN variables          text NOT NULL DEFAULT '[]',
    ADD COLUMN previous_variables text;

DROP FUNCTION admit_environment(uuid, text, text, text, integer, integer, integer, text, text, text, timestamptz,
    text, timestamptz, uuid, integer);

-- As V13's admit_environment (the create's checks and its insert, under the application's advisory lock), with
-- p_variables stored in the new row.
CREATE FUNCTION admit_environment(
    p_id uuid, p_organisation text, p_application text, p_env_name text,
    p_min_capacity integer, p_max_capacity integer, p_desired_count integer,
    p_clone_configuration_from text, p_image_suffix text, p_compose text, p_variables text, p_now timestamptz,
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
                                         compose, variables, created_at, updated_at, lease_owner, lease_expires_at,
                                         lease_token)
    VALUES (p_id, p_organisation, p_application, p_env_name, 'CREATING', p_min_capacity, p_max_capacity,
            p_desired_count, p_clone_configuration_from, p_image_suffix, p_compose, p_variables, p_now, p_now,
            p_lease_owner, p_lease_expires_at, p_lease_token);
    RETURN QUERY SELECT true, v_namesake, false, v_enabled, v_live + 1;
END;
$$;
