-- People (issue #21): accounts signed in with a password (Argon2id, PHC string) or by OpenID Connect (issuer +
-- subject), their role grants, panel sessions kept here so that they survive a restart and work on every instance,
-- and one-time links (invitations, password resets) that an admin hands over. Tokens and session ids are stored as
-- SHA-256 only.
CREATE TABLE users (
    id              UUID        PRIMARY KEY,
    email           TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    password_hash   TEXT,
    oidc_issuer     VARCHAR(512),
    oidc_subject    VARCHAR(512),
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    last_sign_in_at TIMESTAMPTZ,
    disabled_at     TIMESTAMPTZ,
    CONSTRAINT users_oidc_unique UNIQUE (oidc_issuer, oidc_subject)
);
-- [jooq ignore start]
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
-- [jooq ignore stop]

-- A role on everything ('*'), a project or a folder path; 'manual' grants are set by admins, 'sso' ones replaced at
-- each single sign-on from the provider's groups.
CREATE TABLE user_grants (
    user_id UUID    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role    VARCHAR(16)  NOT NULL CHECK (role IN ('viewer', 'analyst', 'deployer', 'admin')),
    scope   VARCHAR(512) NOT NULL,
    bodies  BOOLEAN NOT NULL DEFAULT false,
    source  VARCHAR(16)  NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'sso')),
    PRIMARY KEY (user_id, source, role, scope)
);

-- Named admin tokens become service accounts with a role and a scope; existing ones keep what they had (admin, '*').
ALTER TABLE admin_tokens
    ADD COLUMN role   TEXT    NOT NULL DEFAULT 'admin' CHECK (role IN ('viewer', 'analyst', 'deployer', 'admin')),
    ADD COLUMN scope  TEXT    NOT NULL DEFAULT '*',
    ADD COLUMN bodies BOOLEAN NOT NULL DEFAULT true;

-- A panel session: of a person (user_id) or of an admin token (credential_hash: the token's SHA-256).
CREATE TABLE panel_sessions (
    id_hash         VARCHAR(64) PRIMARY KEY,
    user_id         UUID        REFERENCES users (id) ON DELETE CASCADE,
    credential_hash VARCHAR(64),
    csrf_token      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    last_seen_at    TIMESTAMPTZ NOT NULL,
    ip              TEXT,
    user_agent      TEXT,
    CONSTRAINT panel_sessions_one_owner CHECK ((user_id IS NULL) <> (credential_hash IS NULL))
);
CREATE INDEX panel_sessions_user ON panel_sessions (user_id);
CREATE INDEX panel_sessions_last_seen ON panel_sessions (last_seen_at);

CREATE TABLE one_time_links (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT        NOT NULL CHECK (kind IN ('invite', 'reset')),
    created_by TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ
);
CREATE INDEX one_time_links_user ON one_time_links (user_id);
