-- An application environment's create records it as CREATING in one call to this function: one round trip
-- and one transaction (the caller's, or the statement's own when none is open), where it was a Hibernate
-- transaction of seven statements. The steps and the order are those the service's rules need:
--   1. the application's advisory lock, which serialises every write that counts or names its environments;
--   2. the visible environment of that name: a live one refuses the create ('name-exists');
--   3. the catalog environment of that name, share-locked until the transaction ends, so it cannot be
--      deleted, disabled or changed meanwhile: a disabled one refuses the create ('catalog-disabled');
--   4. the application's live environments: at the limit the create is refused ('limit-reached', with the
--      count);
--   5. a FAILED environment of that name gives way to the new one, which is inserted ('created').
-- Each statement after the lock reads with a snapshot of its own (a VOLATILE function in READ COMMITTED), so
-- it sees what another create committed while this one waited for the lock.
CREATE FUNCTION insert_creating_environment(
    p_id uuid, p_organisation text, p_application text, p_env_name text,
    p_min_capacity integer, p_max_capacity integer, p_desired_count integer,
    p_clone_configuration_from text, p_image_suffix text, p_compose text, p_now timestamptz,
    p_lease_owner text, p_lease_expires_at timestamptz, p_limit integer)
    RETURNS TABLE (outcome text, live_count bigint)
    LANGUAGE plpgsql VOLATILE
AS $$
DECLARE
    v_namesake text;
    v_enabled boolean;
    v_live bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_organisation || '/' || p_application, 0));

    SELECT a.status INTO v_namesake
      FROM application_environment a
     WHERE a.organisation = p_organisation AND a.application = p_application AND a.env_name = p_env_name
       AND a.status <> 'DELETING'
     ORDER BY CASE WHEN a.status = 'FAILED' THEN 1 ELSE 0 END, a.created_at DESC
     LIMIT 1;
    IF v_namesake IS NOT NULL AND v_namesake <> 'FAILED' THEN
        RETURN QUERY SELECT 'name-exists'::text, NULL::bigint;
        RETURN;
    END IF;

    SELECT c.enabled INTO v_enabled FROM catalog_environment c WHERE c.name = p_env_name FOR SHARE;
    IF v_enabled IS FALSE THEN
        RETURN QUERY SELECT 'catalog-disabled'::text, NULL::bigint;
        RETURN;
    END IF;

    SELECT count(*) INTO v_live
      FROM application_environment a
     WHERE a.organisation = p_organisation AND a.application = p_application
       AND a.status NOT IN ('FAILED', 'DELETING');
    IF v_live >= p_limit THEN
        RETURN QUERY SELECT 'limit-reached'::text, v_live;
        RETURN;
    END IF;

    IF v_namesake IS NOT NULL THEN
        DELETE FROM application_environment a
         WHERE a.organisation = p_organisation AND a.application = p_application AND a.env_name = p_env_name
           AND a.status = 'FAILED';
    END IF;

    INSERT INTO application_environment (id, organisation, application, env_name, status, min_capacity,
                                         max_capacity, desired_count, clone_configuration_from, image_suffix,
                                         compose, created_at, updated_at, lease_owner, lease_expires_at)
    VALUES (p_id, p_organisation, p_application, p_env_name, 'CREATING', p_min_capacity, p_max_capacity,
            p_desired_count, p_clone_configuration_from, p_image_suffix, p_compose, p_now, p_now, p_lease_owner,
            p_lease_expires_at);
    RETURN QUERY SELECT 'created'::text, v_live + 1;
END;
$$;
