-- One-off commands run in an environment (Quant's Commands): each is one ECS task started from the environment's
-- task definition with the command as its container's override. A command goes with its environment. task_arn
-- is null until the provider has started the task; status, exit_code and the times are what the provider last
-- reported, and once the task has stopped they no longer change.
CREATE TABLE environment_command (
    id             uuid        PRIMARY KEY,
    environment_id uuid        NOT NULL REFERENCES application_environment (id) ON DELETE CASCADE,
    command        text        NOT NULL,
    container_name text        NOT NULL,
    log_group      text        NOT NULL,
    cluster        text        NOT NULL,
    task_arn       text,
    status         text        NOT NULL,
    exit_code      integer,
    stopped_reason text,
    started_at     timestamptz,
    ended_at       timestamptz,
    created_at     timestamptz NOT NULL,
    CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED'))
);

CREATE INDEX environment_command_environment_idx ON environment_command (environment_id, created_at DESC);

-- The local provider's CloudWatch Logs: what its simulated services, tasks and commands write. event_time is in
-- milliseconds since the epoch, as CloudWatch's timestamps are; an event whose time has not come is not read yet.
CREATE TABLE local_cloud_log_event (
    seq        bigserial PRIMARY KEY,
    log_group  text      NOT NULL,
    log_stream text      NOT NULL,
    event_time bigint    NOT NULL,
    message    text      NOT NULL
);

CREATE INDEX local_cloud_log_event_group_idx ON local_cloud_log_event (log_group, event_time, seq);

-- The local provider's one-off tasks (RunTask): what each runs and how its run goes, decided when it starts.
CREATE TABLE local_cloud_run_task (
    task_arn        text        PRIMARY KEY,
    cluster         text        NOT NULL,
    task_definition text        NOT NULL,
    container_name  text        NOT NULL,
    command         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz NOT NULL,
    stopped_at      timestamptz NOT NULL,
    exit_code       integer     NOT NULL
);
