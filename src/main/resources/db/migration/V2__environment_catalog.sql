-- The environment catalog (Unleash dialect): named, typed stages with an order, an enabled flag and a
-- protected flag. The name is the key, so concurrent creates of one name leave exactly one row.
-- Application environments meet a catalog environment by name (application_environment.env_name); there
-- is deliberately no foreign key, because an application environment may use a name the catalog lacks.
CREATE TABLE catalog_environment (
    name       text        PRIMARY KEY,
    type       text        NOT NULL,
    enabled    boolean     NOT NULL DEFAULT true,
    protected  boolean     NOT NULL DEFAULT false,
    sort_order integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (name ~ '^[a-zA-Z0-9~_.-]{1,100}$' AND name NOT IN ('.', '..')),
    CHECK (length(btrim(type)) > 0 AND length(type) <= 100)
);

-- What a fresh installation offers: a development stage and a protected production stage.
INSERT INTO catalog_environment (name, type, enabled, protected, sort_order) VALUES
    ('development', 'development', true, false, 2),
    ('production',  'production',  true, true,  3);
