-- API tokens. Only the SHA-256 hash of the full token ("<scope>.<secret>") is stored; a null
-- organisation or environment is the wildcard "*".
CREATE TABLE api_token (
    id           uuid        PRIMARY KEY,
    token_name   text        NOT NULL,
    organisation text,
    environment  text,
    secret_hash  bytea       NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (environment IS NULL OR organisation IS NOT NULL)
);

CREATE INDEX api_token_environment_idx ON api_token (environment) WHERE environment IS NOT NULL;
