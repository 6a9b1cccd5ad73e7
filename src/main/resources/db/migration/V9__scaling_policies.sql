-- Target tracking scaling policies (one per metric) on an environment's Application Auto Scaling target.
-- The environment row keeps them as a JSON array beside its compose, so a policy change is recorded in the same
-- transaction as the environment's status, and goes with the row. The cloud's policies are ledger-tracked like
-- every other resource, so teardown deletes them (before their scalable target).
ALTER TABLE application_environment ADD COLUMN scaling_policies text NOT NULL DEFAULT '[]';

ALTER TABLE provisioned_resource DROP CONSTRAINT provisioned_resource_kind_check;
ALTER TABLE provisioned_resource ADD CONSTRAINT provisioned_resource_kind_check
    CHECK (kind IN ('SECURITY_GROUP', 'SECURITY_GROUP_INGRESS', 'TARGET_GROUP', 'LISTENER_RULE', 'FILE_SYSTEM',
                    'ACCESS_POINT', 'MOUNT_TARGET', 'TASK_DEFINITION', 'SERVICE', 'SCALABLE_TARGET', 'LOG_GROUP',
                    'SECRET', 'SCHEDULE', 'SCALING_POLICY'));
