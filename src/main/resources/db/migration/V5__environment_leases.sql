-- Leases on environments that have work in flight (CREATING, UPDATING, DELETING). The replica doing the
-- work renews its lease; when the lease runs out (the replica died), any replica's reconciler claims the
-- environment with FOR UPDATE SKIP LOCKED and finishes or undoes the work.
ALTER TABLE application_environment
    ADD COLUMN lease_owner      text,
    ADD COLUMN lease_expires_at timestamptz;

CREATE INDEX application_environment_unsettled_idx
    ON application_environment (lease_expires_at)
    WHERE status IN ('CREATING', 'UPDATING', 'DELETING');
