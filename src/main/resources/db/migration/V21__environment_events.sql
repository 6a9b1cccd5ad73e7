-- The event stream: every change of an application environment's status, as a row, written by the database
-- itself in the transaction that changes the status, whoever changes it (a request, a reconciler, any
-- replica). Replicas stream them to clients by reading this table, so a client connected to any replica sees
-- every change, and one that reconnects resumes from the last event it saw (Last-Event-ID) while the event is
-- kept (paddock.events.retention).
--
-- Events are read in the order of the transactions that wrote them (tx, then seq), and only once every
-- transaction older than theirs has ended (tx below the oldest one still running): a sequence number alone can
-- be taken by a transaction that commits after a later one, and a reader going by it would skip that event.
CREATE TABLE environment_event (
    seq             bigserial   PRIMARY KEY,
    tx              xid8        NOT NULL DEFAULT pg_current_xact_id(),
    at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    organisation    text        NOT NULL,
    application     text        NOT NULL,
    env_name        text        NOT NULL,
    environment_id  uuid        NOT NULL,
    status          text        NOT NULL,
    previous_status text
);

CREATE INDEX environment_event_organisation_idx ON environment_event (organisation, tx, seq);
CREATE INDEX environment_event_at_idx ON environment_event (at);

-- DELETED: the row went (a teardown finished, or a FAILED environment was discarded or replaced).
CREATE FUNCTION record_environment_event() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO environment_event (organisation, application, env_name, environment_id, status, previous_status)
        VALUES (OLD.organisation, OLD.application, OLD.env_name, OLD.id, 'DELETED', OLD.status);
    ELSE
        INSERT INTO environment_event (organisation, application, env_name, environment_id, status, previous_status)
        VALUES (NEW.organisation, NEW.application, NEW.env_name, NEW.id, NEW.status,
                CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER application_environment_created_or_removed
    AFTER INSERT OR DELETE ON application_environment
    FOR EACH ROW EXECUTE FUNCTION record_environment_event();

CREATE TRIGGER application_environment_status_changed
    AFTER UPDATE OF status ON application_environment
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION record_environment_event();
