-- The resource ledger: every cloud resource Paddock has made for an environment, written the moment the
-- provider's call returns, removed when the resource is gone. seq orders the rows: undo and teardown go
-- newest first. The environment is referenced by its id only (no foreign key): a ledger row must outlive a
-- failed or deleted environment row until its resource is gone.
CREATE TABLE provisioned_resource (
    seq            bigserial   PRIMARY KEY,
    environment_id uuid        NOT NULL,
    kind           text        NOT NULL,
    provider       text        NOT NULL,
    provider_id    text        NOT NULL,
    -- The resource the deletion also has to name: the security group of an ingress rule, the cluster of a
    -- service, the service (service/<cluster>/<name>) of a scalable target.
    parent_id      text,
    name           text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (kind IN ('SECURITY_GROUP', 'SECURITY_GROUP_INGRESS', 'TARGET_GROUP', 'LISTENER_RULE', 'FILE_SYSTEM',
                    'ACCESS_POINT', 'MOUNT_TARGET', 'TASK_DEFINITION', 'SERVICE', 'SCALABLE_TARGET'))
);

CREATE INDEX provisioned_resource_environment_idx ON provisioned_resource (environment_id, seq);
CREATE INDEX provisioned_resource_provider_id_idx ON provisioned_resource (provider_id);

-- The local provider's simulated cloud: the resources it holds, so they outlive a restart of Paddock.
-- attributes holds what a resource type needs beyond its id (a service's task definition and counts, a
-- scalable target's capacity, a task definition's tags).
CREATE TABLE local_cloud_resource (
    id             text        PRIMARY KEY,
    type           text        NOT NULL,
    environment_id uuid,
    name           text,
    parent_id      text,
    attributes     jsonb       NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX local_cloud_resource_environment_idx ON local_cloud_resource (environment_id);
CREATE INDEX local_cloud_resource_parent_idx ON local_cloud_resource (parent_id);

-- Task definition revisions keep counting after a revision is deregistered, as ECS's do.
CREATE TABLE local_cloud_task_family (
    family        text    PRIMARY KEY,
    last_revision integer NOT NULL
);
