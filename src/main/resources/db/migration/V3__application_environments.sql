-- Application environments (Quant dialect). compose and provisioned hold JSON documents (the validated
-- compose definition, and what the provider made). A FAILED or DELETING row does not hold its name: the
-- same envName can be created again while the old one is torn down.
CREATE TABLE application_environment (
    id                       uuid        PRIMARY KEY,
    organisation             text        NOT NULL,
    application              text        NOT NULL,
    env_name                 text        NOT NULL,
    status                   text        NOT NULL,
    min_capacity             integer     NOT NULL,
    max_capacity             integer     NOT NULL,
    desired_count            integer     NOT NULL,
    running_count            integer     NOT NULL DEFAULT 0,
    clone_configuration_from text,
    image_suffix             text,
    compose                  text        NOT NULL,
    provisioned              text,
    failure                  text,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    version                  integer     NOT NULL DEFAULT 0,
    CHECK (status IN ('CREATING', 'ACTIVE', 'UPDATING', 'STOPPED', 'FAILED', 'DELETING'))
);

CREATE UNIQUE INDEX application_environment_live_name_idx
    ON application_environment (organisation, application, env_name)
    WHERE status NOT IN ('FAILED', 'DELETING');

CREATE INDEX application_environment_env_name_idx ON application_environment (env_name);
