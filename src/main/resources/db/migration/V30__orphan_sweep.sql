-- When the orphan sweep last ran, in any replica: a replica sweeps only when the interval has passed since, so
-- that replicas take turns instead of sweeping together.
CREATE TABLE orphan_sweep (
    id       smallint PRIMARY KEY CHECK (id = 1),
    swept_at timestamptz NOT NULL
);

INSERT INTO orphan_sweep (id, swept_at) VALUES (1, '-infinity');
