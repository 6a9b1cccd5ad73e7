-- Cron jobs of application environments (Quant dialect): one EventBridge Scheduler schedule each. A job goes
-- with its environment (ON DELETE CASCADE); its schedule is in the resource ledger (kind SCHEDULE) and is torn
-- down with the environment's other resources. schedule_arn is null while the schedule is being created: such
-- a row holds the name (the unique index) but is not shown.
CREATE TABLE cron_job (
    id                    uuid        PRIMARY KEY,
    environment_id        uuid        NOT NULL REFERENCES application_environment (id) ON DELETE CASCADE,
    name                  text        NOT NULL,
    description           text,
    schedule_expression   text        NOT NULL,
    command               text        NOT NULL,
    target_container_name text        NOT NULL,
    enabled               boolean     NOT NULL,
    schedule_name         text        NOT NULL,
    schedule_arn          text,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    version               integer     NOT NULL DEFAULT 0,
    CHECK (name ~ '^[a-zA-Z0-9_-]{1,64}$')
);

CREATE UNIQUE INDEX cron_job_environment_name_idx ON cron_job (environment_id, name);

ALTER TABLE provisioned_resource DROP CONSTRAINT provisioned_resource_kind_check;
ALTER TABLE provisioned_resource ADD CONSTRAINT provisioned_resource_kind_check
    CHECK (kind IN ('SECURITY_GROUP', 'SECURITY_GROUP_INGRESS', 'TARGET_GROUP', 'LISTENER_RULE', 'FILE_SYSTEM',
                    'ACCESS_POINT', 'MOUNT_TARGET', 'TASK_DEFINITION', 'SERVICE', 'SCALABLE_TARGET', 'LOG_GROUP',
                    'SECRET', 'SCHEDULE'));

-- The local provider's simulated schedules start tasks too: one row per time a schedule fired, written when
-- its runs are next asked for (or its schedule changes). They go with their schedule.
CREATE TABLE local_cloud_task (
    task_arn      text        PRIMARY KEY,
    schedule_arn  text        NOT NULL REFERENCES local_cloud_resource (id) ON DELETE CASCADE,
    started_at    timestamptz NOT NULL
);

CREATE INDEX local_cloud_task_schedule_idx ON local_cloud_task (schedule_arn, started_at);
