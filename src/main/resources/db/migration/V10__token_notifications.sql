-- Every replica keeps the API tokens it has recently seen in memory (auth/ApiTokenCache) and uses them only
-- while it listens on the channel paddock_api_token. Any statement that can take a token away or change its
-- scope notifies that channel; PostgreSQL delivers the notification when the transaction commits, and every
-- listening replica then forgets all the tokens it holds.
CREATE FUNCTION api_token_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('paddock_api_token', TG_OP);
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_token_changed
    AFTER UPDATE OR DELETE OR TRUNCATE ON api_token
    FOR EACH STATEMENT EXECUTE FUNCTION api_token_notify_change();
