-- Guardrails and evaluators (issue #22).
--
-- guardrails: what each guardrail of the request did, in the order they ran (GuardrailRecord as JSON: name, kind,
-- stage, result, taken, reason, found, micros); null when the request had none, and on every row written before.
-- Added to the partitioned parent (V008): PostgreSQL adds it to every partition, and request_logs_ensure_partition
-- makes new partitions LIKE the parent.
ALTER TABLE request_logs ADD COLUMN guardrails JSONB;

-- Nothing below refers to request_logs by foreign key (see V009): a score must survive its log partition being
-- dropped by retention. jOOQ does not generate code for these tables; the store queries them in SQL.
-- [jooq ignore start]

-- One evaluator's score of one logged request; a request has at most one score per evaluator name (a later score
-- replaces an earlier one). Where the request went is copied from its log entry, so that scores are aggregated per
-- variant and version without reading the logs. request_created_at is the request's time, created_at the score's.
-- reason is at most 2,000 characters (the writer cuts it).
CREATE TABLE request_scores (
    id                 UUID             PRIMARY KEY,
    request_id         UUID             NOT NULL,
    request_created_at TIMESTAMPTZ      NOT NULL,
    deployment_key     VARCHAR(128)     NOT NULL,
    version_number     INTEGER,
    variant_key        TEXT,
    rule_id            TEXT,
    name               TEXT             NOT NULL,
    kind               TEXT             NOT NULL,
    value              DOUBLE PRECISION NOT NULL,
    passed             BOOLEAN,
    reason             TEXT,
    created_at         TIMESTAMPTZ      NOT NULL,
    -- also the index of the scores of one request
    CONSTRAINT request_scores_one_per_name UNIQUE (request_id, name)
);

-- A deployment's scores of a time range: analytics and experiments.
CREATE INDEX request_scores_deployment_time ON request_scores (deployment_key, request_created_at);

-- The rollup job's scan of an hour across deployments. Scores are written a moment after their request, so the
-- table's physical order follows request_created_at and a BRIN index (a few pages, next to nothing per insert) finds
-- an hour's pages; were that order lost (scores of old requests written much later), it reads more pages, never
-- wrong ones.
CREATE INDEX request_scores_request_time ON request_scores USING brin (request_created_at);

-- One row per (deployment, version, variant, rule, evaluator name, UTC hour of the request): the count, sum and sum
-- of squares of the values, and how many passed and failed (scores without a pass/fail are in neither).
-- version_number 0, variant_key '' and rule_id '' stand for none. Kept by the rollup job with request_rollups: hours
-- before rollup_state.settled_until are here.
CREATE TABLE score_rollups (
    deployment_key VARCHAR(128)     NOT NULL,
    version_number INTEGER          NOT NULL,
    variant_key    TEXT             NOT NULL,
    rule_id        TEXT             NOT NULL,
    name           TEXT             NOT NULL,
    hour           TIMESTAMPTZ      NOT NULL,
    n              BIGINT           NOT NULL,
    sum            DOUBLE PRECISION NOT NULL,
    sum_squares    DOUBLE PRECISION NOT NULL,
    passed         BIGINT           NOT NULL,
    failed         BIGINT           NOT NULL,
    PRIMARY KEY (deployment_key, hour, version_number, variant_key, rule_id, name)
);

-- Hours settled before this migration have no score rollups: scores did not exist then.
-- [jooq ignore stop]
