-- Junction schema, version 19: reviewed deploys (issue #21, point 4).
--
-- project_settings: what a project (the `project` string of deployments) asks of its deployments. A project without
-- a row has the defaults; reviews_required makes every deploy, rollback and import-with-deploy of its deployments a
-- deploy request that someone other than its author approves (engine/review/ReviewService.java).
CREATE TABLE project_settings (
    project          VARCHAR(128) PRIMARY KEY,
    reviews_required BOOLEAN      NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMPTZ  NOT NULL,
    updated_by       TEXT         NOT NULL
);

-- deploy_reviews: one deploy request. spec is exactly what an approval deploys (content_hash is its SHA-256, checked
-- again before it is deployed); base_version is the version that was live when it was made (NULL: none), and an
-- approval when another version is live is refused (the request becomes superseded). evidence holds what the
-- reviewers saw: the field diff against the live version, the rule test results, the replay of recent traffic and the
-- deploy warnings (engine/review/Evidence.java). The author and the decider are principals: kind (user, service,
-- bootstrap), id and name; the approver must not be the author.
CREATE TABLE deploy_reviews (
    id               UUID         PRIMARY KEY,
    deployment_id    UUID         NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    deployment_key   VARCHAR(128) NOT NULL,
    project          VARCHAR(128) NOT NULL,
    folder           TEXT         NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    draft_revision   INTEGER,
    source_version   INTEGER,
    base_version     INTEGER,
    spec             JSONB        NOT NULL,
    content_hash     TEXT         NOT NULL,
    message          TEXT         NOT NULL DEFAULT '',
    author_kind      TEXT         NOT NULL,
    author_id        TEXT         NOT NULL,
    author_name      TEXT         NOT NULL,
    evidence         JSONB        NOT NULL,
    status           VARCHAR(16)  NOT NULL DEFAULT 'pending',
    created_at       TIMESTAMPTZ  NOT NULL,
    decided_by_kind  TEXT,
    decided_by_id    TEXT,
    decided_by_name  TEXT,
    decided_at       TIMESTAMPTZ,
    comment          TEXT,
    deployed_version INTEGER,
    CONSTRAINT deploy_reviews_kind CHECK (kind IN ('deploy', 'rollback', 'import')),
    CONSTRAINT deploy_reviews_status CHECK (status IN ('pending', 'approved', 'rejected', 'superseded', 'withdrawn')),
    CONSTRAINT deploy_reviews_decided CHECK ((status = 'pending') = (decided_at IS NULL))
);
-- status is VARCHAR, not TEXT: jOOQ generates through H2, which indexes no TEXT (CLOB) column.
CREATE INDEX deploy_reviews_status_time ON deploy_reviews (status, created_at DESC);
CREATE INDEX deploy_reviews_deployment_time ON deploy_reviews (deployment_id, created_at DESC);
-- At most one pending request per deployment: a new one supersedes the older in the same transaction.
-- [jooq ignore start]
CREATE UNIQUE INDEX deploy_reviews_one_pending ON deploy_reviews (deployment_id) WHERE status = 'pending';
-- [jooq ignore stop]

-- Who approved a version, and the request it came from (NULL for a version deployed without review).
ALTER TABLE deployment_versions ADD COLUMN approved_by TEXT;
ALTER TABLE deployment_versions ADD COLUMN review_id UUID REFERENCES deploy_reviews (id);
