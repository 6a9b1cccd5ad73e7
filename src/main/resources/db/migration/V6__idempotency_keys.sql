-- Idempotency-Key: the first response to a request with a key, replayed for repeats of the same request.
-- Keys are scoped to the caller's token scope. A RUNNING key whose request never finished (its replica
-- died) is taken over after paddock.idempotency.running-timeout; any key goes after its retention.
CREATE TABLE idempotency_key (
    scope       text        NOT NULL,
    key         text        NOT NULL,
    fingerprint bytea       NOT NULL,
    state       text        NOT NULL CHECK (state IN ('RUNNING', 'DONE')),
    status      integer,
    headers     text,
    body        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX idempotency_key_expires_idx ON idempotency_key (expires_at);
