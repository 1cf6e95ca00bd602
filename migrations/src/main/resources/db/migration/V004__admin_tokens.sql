-- Named, revocable admin tokens for the panel API (/api/...). As with API keys, only the SHA-256 of a token
-- is stored; the prefix lets people tell their tokens apart. The bootstrap token (JUNCTION_ADMIN_TOKEN or
-- DATA_DIR/admin-token) is not stored here: it is configuration, and it cannot be revoked through the API.
CREATE TABLE admin_tokens (
    id         UUID        PRIMARY KEY,
    name       TEXT        NOT NULL,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    prefix     TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
