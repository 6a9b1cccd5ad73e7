-- Security groups shared by the environments of one application (cross-environment networking) or of one
-- organisation (cross-application networking), and their members. A scope's row exists while its group does;
-- joins and leaves of one scope are serialised by a transaction-scoped advisory lock on the scope.
CREATE TABLE shared_security_group (
    scope       text PRIMARY KEY,
    provider    text NOT NULL,
    group_id    text NOT NULL,
    group_name  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shared_security_group_member (
    scope           text NOT NULL,
    environment_id  uuid NOT NULL,
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, environment_id)
);

CREATE INDEX shared_security_group_member_environment ON shared_security_group_member (environment_id);

-- An environment's membership is a ledger row of its own, so that teardown and rollback end it.
ALTER TABLE provisioned_resource DROP CONSTRAINT provisioned_resource_kind_check;
ALTER TABLE provisioned_resource ADD CONSTRAINT provisioned_resource_kind_check
    CHECK (kind IN ('SECURITY_GROUP', 'SECURITY_GROUP_INGRESS', 'TARGET_GROUP', 'LISTENER_RULE', 'FILE_SYSTEM',
                    'ACCESS_POINT', 'MOUNT_TARGET', 'TASK_DEFINITION', 'SERVICE', 'SCALABLE_TARGET', 'LOG_GROUP',
                    'SECRET', 'SCHEDULE', 'SCALING_POLICY', 'SHARED_GROUP_MEMBERSHIP'));
