-- OpenID Connect sign-ins under way: written when a browser is sent to the identity provider, consumed (once, by
-- DELETE ... RETURNING) when it comes back to /auth/oidc/callback, on whichever instance that lands. The state is
-- stored as its SHA-256 (it is the lookup key a browser presents); the nonce and the PKCE code verifier are kept as
-- they are (both are needed as such, and useless without the authorization code the provider gives the browser).
-- browser_hash is the SHA-256 of the binding cookie set on the browser that started the sign-in, so a callback URL
-- replayed in another browser is refused. Rows older than ten minutes are expired and purged.
CREATE TABLE oidc_pending (
    state_hash    VARCHAR(64) PRIMARY KEY,
    browser_hash  VARCHAR(64) NOT NULL,
    nonce         TEXT        NOT NULL,
    code_verifier TEXT        NOT NULL,
    next_path     TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE INDEX oidc_pending_created_at ON oidc_pending (created_at);
