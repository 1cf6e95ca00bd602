-- Junction schema, version 1: deployments with immutable versions, API keys, request logs.
-- This file is the one source of the schema: Flyway applies it, and jOOQ generates its code from it.

-- A deployment is a named endpoint. Its configuration lives in immutable, content-hashed versions;
-- the deployment row only points at the active one.
CREATE TABLE deployments (
    id                UUID        PRIMARY KEY,
    key               VARCHAR(128) NOT NULL UNIQUE,
    description       TEXT        NOT NULL DEFAULT '',
    active_version_id UUID,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- An immutable version: the whole deployment spec (variants, routing table, default variant) as one
-- JSON document, numbered per deployment, with the SHA-256 of its canonical JSON.
CREATE TABLE deployment_versions (
    id            UUID        PRIMARY KEY,
    deployment_id UUID        NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    number        INTEGER     NOT NULL,
    content_hash  TEXT        NOT NULL,
    spec          JSONB       NOT NULL,
    author        TEXT        NOT NULL,
    message       TEXT        NOT NULL DEFAULT '',
    created_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT deployment_versions_number_unique UNIQUE (deployment_id, number)
);

ALTER TABLE deployments
    ADD CONSTRAINT deployments_active_version_fk
    FOREIGN KEY (active_version_id) REFERENCES deployment_versions (id);

-- API keys for the invoke APIs. Only the SHA-256 of a key is stored (keys are 256-bit random values,
-- so a fast hash is the right tool); the prefix lets people tell their keys apart.
CREATE TABLE api_keys (
    id         UUID        PRIMARY KEY,
    name       TEXT        NOT NULL,
    prefix     TEXT        NOT NULL,
    key_hash   VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);

-- One row per request, written in batches off the request thread. Ids are UUIDv7 (time-ordered).
CREATE TABLE request_logs (
    id                UUID        PRIMARY KEY,
    created_at        TIMESTAMPTZ NOT NULL,
    deployment_key    VARCHAR(128) NOT NULL,
    deployment_id     UUID,
    version_id        UUID,
    version_number    INTEGER,
    variant_key       TEXT,
    evaluation        TEXT,
    rule_id           TEXT,
    provider          TEXT,
    model             TEXT,
    status            TEXT        NOT NULL,
    http_status       INTEGER     NOT NULL,
    error             TEXT,
    latency_micros    BIGINT      NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    total_tokens      INTEGER,
    source            TEXT        NOT NULL,
    context           JSONB,
    attempts          JSONB
);

CREATE INDEX request_logs_deployment_time ON request_logs (deployment_key, created_at DESC);
