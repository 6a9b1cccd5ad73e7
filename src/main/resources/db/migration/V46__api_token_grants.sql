-- What a token may do beyond reading and changing its environments: "shell" (short-lived credentials to open a
-- shell in a running task) and "registry" (a docker login for the image registry), comma-separated. Admin tokens may
-- do everything; existing tokens get neither.
ALTER TABLE api_token ADD COLUMN grants text NOT NULL DEFAULT '';
ALTER TABLE api_token ADD CONSTRAINT api_token_grants_check
    CHECK (grants ~ '^((shell|registry)(,(shell|registry))*)?$');
