-- Operations: every change of an application environment, as a record of its own that outlives the environment
-- (kept for paddock.operations.retention after it ends).
--
-- An operation is written in the transaction that starts its work (the create's admission, a change's claim, a
-- delete's start), and ended by the database itself, in the transaction that settles the environment, whoever
-- settles it: the request that started it, or a reconciler that took the work over after a crash. So an operation
-- is never left RUNNING by a replica that died: it ends when its environment leaves CREATING, UPDATING or DELETING
-- (or its row goes, or a terminal failure is recorded on it).
--
-- How it ended: no failure recorded -> SUCCEEDED; a failure after a cancel was asked for -> CANCELLED; a failure
-- after its deadline passed -> TIMED_OUT; any other failure -> FAILED.
CREATE TABLE environment_operation (
    id                     uuid        PRIMARY KEY,
    environment_id         uuid        NOT NULL,
    organisation           text        NOT NULL,
    application            text        NOT NULL,
    env_name               text        NOT NULL,
    type                   text        NOT NULL,
    status                 text        NOT NULL,
    requested_by_token_id  uuid,
    requested_by_token     text,
    started_at             timestamptz NOT NULL DEFAULT now(),
    ended_at               timestamptz,
    deadline_at            timestamptz,
    -- Why it was asked to stop before its end: CANCEL (a client asked) or DEADLINE (it ran past its deadline).
    stop                   text,
    failure_reason         text,
    -- The steps it started, in order: [{"step": "CreateService", "at": "..."}].
    steps                  jsonb       NOT NULL DEFAULT '[]'::jsonb,
    CONSTRAINT environment_operation_status_check CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED',
        'CANCELLING', 'CANCELLED', 'TIMED_OUT')),
    CONSTRAINT environment_operation_stop_check CHECK (stop IS NULL OR stop IN ('CANCEL', 'DEADLINE'))
);

-- One operation at a time runs on an environment (its claim refuses a second one).
CREATE UNIQUE INDEX environment_operation_open_idx ON environment_operation (environment_id) WHERE ended_at IS NULL;
CREATE INDEX environment_operation_history_idx
    ON environment_operation (organisation, application, lower(env_name), started_at DESC, id);
CREATE INDEX environment_operation_environment_idx ON environment_operation (environment_id, started_at DESC);
CREATE INDEX environment_operation_ended_idx ON environment_operation (ended_at) WHERE ended_at IS NOT NULL;

CREATE FUNCTION end_environment_operation() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE environment_operation
           SET status = 'SUCCEEDED', ended_at = now()
         WHERE environment_id = OLD.id AND ended_at IS NULL;
        RETURN NULL;
    END IF;
    IF OLD.status NOT IN ('CREATING', 'UPDATING', 'DELETING') THEN
        RETURN NULL;
    END IF;
    IF NEW.status IN ('CREATING', 'UPDATING', 'DELETING') AND NOT (NEW.failure_terminal AND NOT OLD.failure_terminal) THEN
        RETURN NULL;
    END IF;
    UPDATE environment_operation o
       SET ended_at = now(),
           failure_reason = NEW.failure,
           status = CASE
               WHEN NEW.failure IS NULL AND NOT NEW.failure_terminal THEN 'SUCCEEDED'
               WHEN o.stop = 'CANCEL' THEN 'CANCELLED'
               WHEN o.stop = 'DEADLINE' OR o.deadline_at <= now() THEN 'TIMED_OUT'
               ELSE 'FAILED' END
     WHERE o.environment_id = NEW.id AND o.ended_at IS NULL;
    RETURN NULL;
END;
$$;

CREATE TRIGGER application_environment_operation_ended
    AFTER UPDATE OF status, failure_terminal ON application_environment
    FOR EACH ROW EXECUTE FUNCTION end_environment_operation();

CREATE TRIGGER application_environment_operation_removed
    AFTER DELETE ON application_environment
    FOR EACH ROW EXECUTE FUNCTION end_environment_operation();

-- The event stream also carries operations: each new operation and each change of an operation's status.
ALTER TABLE environment_event
    ADD COLUMN kind           text NOT NULL DEFAULT 'environment',
    ADD COLUMN operation_id   uuid,
    ADD COLUMN operation_type text;

CREATE FUNCTION record_operation_event() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    INSERT INTO environment_event (organisation, application, env_name, environment_id, status, previous_status,
                                   kind, operation_id, operation_type)
    VALUES (NEW.organisation, NEW.application, NEW.env_name, NEW.environment_id, NEW.status,
            CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, 'operation', NEW.id, NEW.type);
    RETURN NULL;
END;
$$;

CREATE TRIGGER environment_operation_started
    AFTER INSERT ON environment_operation
    FOR EACH ROW EXECUTE FUNCTION record_operation_event();

CREATE TRIGGER environment_operation_status_changed
    AFTER UPDATE OF status ON environment_operation
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION record_operation_event();
