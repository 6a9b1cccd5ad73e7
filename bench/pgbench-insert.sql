-- The reference: one single-row INSERT per transaction, the smallest write Paddock's creates are made of.
\set n random(1, 1000000000)
INSERT INTO bench_insert (name, type) VALUES ('n' || :client_id || '-' || :n, 'development');
