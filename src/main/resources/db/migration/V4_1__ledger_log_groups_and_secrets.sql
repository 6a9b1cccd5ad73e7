-- Environments also own a CloudWatch Logs group and, when a container declares secrets, a Secrets Manager
-- secret (the app-secrets store): both are ledger-tracked and undone like every other resource.
ALTER TABLE provisioned_resource DROP CONSTRAINT provisioned_resource_kind_check;
ALTER TABLE provisioned_resource ADD CONSTRAINT provisioned_resource_kind_check
    CHECK (kind IN ('SECURITY_GROUP', 'SECURITY_GROUP_INGRESS', 'TARGET_GROUP', 'LISTENER_RULE', 'FILE_SYSTEM',
                    'ACCESS_POINT', 'MOUNT_TARGET', 'TASK_DEFINITION', 'SERVICE', 'SCALABLE_TARGET', 'LOG_GROUP',
                    'SECRET'));
