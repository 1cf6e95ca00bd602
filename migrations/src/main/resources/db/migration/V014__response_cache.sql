-- The response cache (issue 20, point 1).
--
-- response_cache: the tier the gateway instances on one database share. key: the hex SHA-256 of what decides the
-- answer (CacheKey.java: the variant's models and parameters with the request's overrides, the rendered messages,
-- the deployment key); payload: the answer as CachedAnswer.java encodes it (UTF-8 JSON with a format number; an
-- entry of another format is a miss). An entry is served until expires_at (and no longer than the variant's TTL
-- now); expired rows are deleted by the gateway now and then. Invalidation deletes a deployment's rows.
-- Not partitioned: rows live at most a year (the TTL's bound) and are deleted by key or deployment, never by day.
CREATE TABLE response_cache (
    key            CHAR(64)     NOT NULL PRIMARY KEY,
    deployment_key VARCHAR(128) NOT NULL,
    variant_key    TEXT         NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    payload        BYTEA        NOT NULL
);
CREATE INDEX response_cache_deployment ON response_cache (deployment_key);
CREATE INDEX response_cache_expiry ON response_cache (expires_at);

-- The cache's part of each request log row, null for a request whose variant does not cache.
-- cache_status: hit, miss, bypass or refresh; cache_saved_usd: for a hit, what the cached answer cost (the hit
-- itself costs 0, in cost_usd); cache_age_ms: for a hit, the entry's age. request_logs is partitioned by day
-- (V008): a column added to the parent is added to every partition, and PostgreSQL adds a column without a
-- default without rewriting any row.
ALTER TABLE request_logs ADD COLUMN cache_status    TEXT;
ALTER TABLE request_logs ADD COLUMN cache_saved_usd NUMERIC(20, 10);
ALTER TABLE request_logs ADD COLUMN cache_age_ms    BIGINT;

-- Hits and money saved per hour in the rollups, for analytics (rows rolled up before this migration count 0).
-- jOOQ does not see request_rollups (V009), so neither does it see these.
-- [jooq ignore start]
ALTER TABLE request_rollups ADD COLUMN cache_hits      BIGINT          NOT NULL DEFAULT 0;
ALTER TABLE request_rollups ADD COLUMN cache_saved_usd NUMERIC(24, 10) NOT NULL DEFAULT 0;
-- [jooq ignore stop]
