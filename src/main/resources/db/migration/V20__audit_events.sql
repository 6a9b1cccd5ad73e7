-- The audit trail: every mutating request on Paddock's APIs, who made it and how it was answered. Never a
-- request's body (secrets, variable values), only its method and path. Old rows are removed in the background
-- (paddock.audit.retention).
CREATE TABLE audit_event (
    seq             bigserial   PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    token_id        uuid,
    token_name      text,
    organisation    text,
    method          text        NOT NULL,
    path            text        NOT NULL,
    status          integer     NOT NULL,
    operation_id    uuid,
    idempotency_key text
);

CREATE INDEX audit_event_at_idx ON audit_event (at);
CREATE INDEX audit_event_organisation_idx ON audit_event (organisation, seq);
CREATE INDEX audit_event_token_idx ON audit_event (token_id, seq);
