-- Analytics rollups, feedback and the indexes of the logs API (issue 6, items 3 to 5).
-- Nothing here refers to request_logs by foreign key: the log table is partitioned by created_at (V008), and
-- a feedback or rollup row must survive its partition being dropped by retention.
-- jOOQ does not generate code for these tables (the store queries them in SQL): PostgreSQL arrays and
-- date_bin are beyond the DDL parser.
-- [jooq ignore start]

-- Feedback on a logged request (POST /v2/feedback, the Orquesta shape): one value per property per request;
-- value is a string, a number or an array of strings, kept as JSON.
CREATE TABLE request_feedback (
    id         UUID        PRIMARY KEY,
    request_id UUID        NOT NULL,
    property   TEXT        NOT NULL,
    value      JSONB       NOT NULL,
    product    TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT request_feedback_one_per_property UNIQUE (request_id, property)
);

-- One row per (deployment, version, variant, UTC hour): exact counts and sums, and sparse log-scale histograms of
-- latency and time to first token (bucket indexes and counts, see LatencyBuckets.java: 180 buckets, factor 1.1,
-- from 100 us; a percentile read from them is within 4.9 % of the true value). variant_key '' and
-- version_number 0 stand for none.
CREATE TABLE request_rollups (
    deployment_key     VARCHAR(128)   NOT NULL,
    version_number     INTEGER        NOT NULL,
    variant_key        TEXT           NOT NULL,
    hour               TIMESTAMPTZ    NOT NULL,
    requests           BIGINT         NOT NULL,
    errors             BIGINT         NOT NULL,
    prompt_tokens      BIGINT         NOT NULL,
    completion_tokens  BIGINT         NOT NULL,
    cached_tokens      BIGINT         NOT NULL,
    cost_usd           NUMERIC(24, 10) NOT NULL,
    latency_sum_micros BIGINT         NOT NULL,
    latency_min_micros BIGINT         NOT NULL,
    latency_max_micros BIGINT         NOT NULL,
    latency_buckets    SMALLINT[]     NOT NULL,
    latency_counts     BIGINT[]       NOT NULL,
    ttft_count         BIGINT         NOT NULL,
    ttft_min_micros    BIGINT,
    ttft_max_micros    BIGINT,
    ttft_buckets       SMALLINT[],
    ttft_counts        BIGINT[],
    PRIMARY KEY (deployment_key, hour, version_number, variant_key)
);

-- Hours before settled_until are in request_rollups; later ones are read from request_logs.
CREATE TABLE rollup_state (
    id             INTEGER     PRIMARY KEY,
    settled_until  TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT rollup_state_single_row CHECK (id = 1)
);

-- The logs API: newest first across deployments, cursor (created_at, id).
CREATE INDEX IF NOT EXISTS request_logs_time_id ON request_logs (created_at DESC, id DESC);
-- [jooq ignore stop]
