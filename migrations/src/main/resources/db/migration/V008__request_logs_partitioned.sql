-- Request logs partitioned by day (issue 6: retention). request_logs becomes a table partitioned by
-- RANGE (created_at), one partition per UTC day named request_logs_pYYYYMMDD, plus a DEFAULT partition so that
-- no row is ever refused (a row with no daily partition lands there). The primary key must hold the partition
-- key: (id, created_at); ids are UUIDv7, so they are time-ordered too. Existing rows are kept.
--
-- jOOQ generates its code from this file through H2, which knows no partitioning: it sees only what is outside the
-- "jooq ignore" blocks, i.e. the old table dropped and the new one created with every column. PostgreSQL runs all
-- of it: the old table is renamed first, so the DROP ... IF EXISTS below drops nothing there.

-- [jooq ignore start]
ALTER TABLE request_logs RENAME TO request_logs_old;
ALTER TABLE request_logs_old RENAME CONSTRAINT request_logs_pkey TO request_logs_old_pkey;
ALTER INDEX request_logs_deployment_time RENAME TO request_logs_old_deployment_time;
-- [jooq ignore stop]

DROP TABLE IF EXISTS request_logs;

CREATE TABLE request_logs (
    id                UUID         NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    deployment_key    VARCHAR(128) NOT NULL,
    deployment_id     UUID,
    version_id        UUID,
    version_number    INTEGER,
    variant_key       TEXT,
    evaluation        TEXT,
    rule_id           TEXT,
    provider          TEXT,
    model             TEXT,
    status            TEXT         NOT NULL,
    http_status       INTEGER      NOT NULL,
    error             TEXT,
    latency_micros    BIGINT       NOT NULL,
    prompt_tokens     INTEGER,
    completion_tokens INTEGER,
    total_tokens      INTEGER,
    source            TEXT         NOT NULL,
    context           JSONB,
    attempts          JSONB,
    metadata          JSONB,
    identity_id       TEXT,
    thread_id         TEXT,
    request           JSONB,
    cached_tokens     INTEGER,
    cost_usd          NUMERIC(20, 10),
    price_source      TEXT,
    inputs            JSONB,
    messages          JSONB,
    answer            TEXT,
    finish_reason     TEXT,
    ttft_micros       BIGINT,
    CONSTRAINT request_logs_pkey PRIMARY KEY (id, created_at)
)
-- [jooq ignore start]
PARTITION BY RANGE (created_at)
-- [jooq ignore stop]
;

-- No index on (deployment_key, variant_key, created_at): measured, it costs about a third of PostgreSQL's time per
-- ingested row, and a deployment's rows of a time range (found by this index, in the partitions of those days) are
-- filtered by variant cheaply.
CREATE INDEX request_logs_deployment_time ON request_logs (deployment_key, created_at DESC);

-- [jooq ignore start]
CREATE TABLE request_logs_default PARTITION OF request_logs DEFAULT;

-- The partition of one UTC day, created when missing. Rows of that day already in the DEFAULT partition move into
-- it, in the same transaction (so a late partition never fails on rows that arrived before it). The table is
-- created apart and then attached, which locks the parent less than CREATE TABLE ... PARTITION OF. Two gateways on
-- one database may call it at the same time: the advisory lock makes the second wait and then find the partition.
-- Returns true when it created the partition.
CREATE FUNCTION request_logs_ensure_partition(day DATE) RETURNS BOOLEAN LANGUAGE plpgsql AS $fn$
DECLARE
    part TEXT := 'request_logs_p' || to_char(day, 'YYYYMMDD');
    lo   TIMESTAMPTZ := day::timestamp AT TIME ZONE 'UTC';
    hi   TIMESTAMPTZ := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('junction.request_logs.partitions'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN FALSE;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE request_logs INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
    EXECUTE format('WITH moved AS (DELETE FROM request_logs_default WHERE created_at >= %L AND created_at < %L RETURNING *)'
                   ' INSERT INTO %I SELECT * FROM moved', lo, hi, part);
    EXECUTE format('ALTER TABLE request_logs ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    RETURN TRUE;
END
$fn$;

-- A partition for every day that has rows, and for today and the next week; then the rows, then the old table.
SELECT request_logs_ensure_partition(day)
FROM (SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date AS day FROM request_logs_old
      UNION
      SELECT ((now() AT TIME ZONE 'UTC')::date + n) FROM generate_series(-1, 7) AS n) AS days;

INSERT INTO request_logs (id, created_at, deployment_key, deployment_id, version_id, version_number, variant_key,
                          evaluation, rule_id, provider, model, status, http_status, error, latency_micros,
                          prompt_tokens, completion_tokens, total_tokens, source, context, attempts, metadata,
                          identity_id, thread_id, request, cached_tokens, cost_usd, price_source, inputs, messages,
                          answer, finish_reason, ttft_micros)
SELECT id, created_at, deployment_key, deployment_id, version_id, version_number, variant_key,
       evaluation, rule_id, provider, model, status, http_status, error, latency_micros,
       prompt_tokens, completion_tokens, total_tokens, source, context, attempts, metadata,
       identity_id, thread_id, request, cached_tokens, cost_usd, price_source, inputs, messages,
       answer, finish_reason, ttft_micros
FROM request_logs_old;

DROP TABLE request_logs_old;
-- [jooq ignore stop]
