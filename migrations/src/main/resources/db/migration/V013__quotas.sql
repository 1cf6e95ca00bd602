-- Junction schema, version 13: rate limits, budgets, and the counters every gateway instance shares (issue #20).
-- Scopes and periods are spelled as on the wire (engine/spend/Scope, BudgetPeriod). A target is one member of the
-- scope (a project name, a deployment key, an API key id, an identity id, a provider, provider/model) or '*': each
-- member separately. Several limits or budgets may apply to the same scope and target: each is enforced.

-- Requests per minute, tokens per minute and requests in flight (UTC calendar minutes); a NULL limit is none.
CREATE TABLE rate_limits (
    id                  UUID        PRIMARY KEY,
    scope               TEXT        NOT NULL,
    target              TEXT        NOT NULL,
    requests_per_minute INTEGER,
    tokens_per_minute   INTEGER,
    concurrent          INTEGER,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT rate_limits_scope CHECK (scope IN ('workspace', 'project', 'deployment', 'api_key', 'identity')),
    CONSTRAINT rate_limits_positive CHECK (requests_per_minute > 0 AND tokens_per_minute > 0 AND concurrent > 0),
    CONSTRAINT rate_limits_one_set CHECK (requests_per_minute IS NOT NULL OR tokens_per_minute IS NOT NULL
                                          OR concurrent IS NOT NULL)
);

-- Spend budgets in US dollars per UTC day, per calendar month (UTC), or for one fixed period [starts_at, ends_at).
-- hard: requests are refused once it is spent; otherwise it only records. thresholds: ascending percentages (1..100)
-- at which the panel and /metrics show it crossed.
CREATE TABLE budgets (
    id          UUID           PRIMARY KEY,
    scope       TEXT           NOT NULL,
    target      TEXT           NOT NULL,
    amount_usd  NUMERIC(20, 10) NOT NULL,
    period      TEXT           NOT NULL,
    starts_at   TIMESTAMPTZ,
    ends_at     TIMESTAMPTZ,
    hard        BOOLEAN        NOT NULL,
    thresholds  INTEGER[]      NOT NULL,
    created_at  TIMESTAMPTZ    NOT NULL,
    updated_at  TIMESTAMPTZ    NOT NULL,
    CONSTRAINT budgets_scope CHECK (scope IN ('workspace', 'project', 'deployment', 'api_key', 'identity',
                                              'provider', 'model')),
    CONSTRAINT budgets_amount CHECK (amount_usd > 0),
    CONSTRAINT budgets_period CHECK (period IN ('day', 'month', 'fixed')),
    CONSTRAINT budgets_fixed_dates CHECK ((period = 'fixed' AND starts_at IS NOT NULL AND ends_at IS NOT NULL)
                                          OR (period <> 'fixed' AND starts_at IS NULL AND ends_at IS NULL)),
    CONSTRAINT budgets_ends_after_start CHECK (ends_at > starts_at)
);

-- The counters are read and written in SQL by JooqSharedCounters (no generated code): arrays, ON CONFLICT
-- arithmetic and a PL/pgSQL function are beyond jOOQ's DDL parser.
-- [jooq ignore start]

-- Checks jOOQ's DDL simulation (H2) cannot take: a target is never empty; every budget threshold lies in 1..100.
ALTER TABLE rate_limits ADD CONSTRAINT rate_limits_target CHECK (target <> '');
ALTER TABLE budgets ADD CONSTRAINT budgets_target CHECK (target <> '');
ALTER TABLE budgets ADD CONSTRAINT budgets_thresholds
    CHECK (cardinality(thresholds) > 0 AND 1 <= ALL (thresholds) AND 100 >= ALL (thresholds));

-- A shared counter: name (rpm:api_key:<id>, ...) in the window starting at window_start, in whole units (requests,
-- tokens, nano-dollars). last_grant is what the latest claim on the row granted (returned by that claim: PostgreSQL
-- 17's RETURNING cannot see the row's value before the update). A row may be dropped after expires_at.
CREATE TABLE quota_counters (
    name         TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    total        BIGINT      NOT NULL,
    last_grant   BIGINT      NOT NULL DEFAULT 0,
    expires_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (name, window_start)
) WITH (fillfactor = 70); -- room on the page for the next version of a row: updates stay HOT (no index write)
CREATE INDEX quota_counters_expires ON quota_counters (expires_at);

-- Requests in flight: the slots of the concurrency limit name that one gateway instance holds until expires_at
-- (renewed by the instance while it lives; a crashed instance's slots come back when its lease expires).
CREATE TABLE quota_leases (
    name       TEXT        NOT NULL,
    instance   TEXT        NOT NULL,
    slots      BIGINT      NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (name, instance),
    CONSTRAINT quota_leases_slots CHECK (slots >= 0)
) WITH (fillfactor = 70);
CREATE INDEX quota_leases_expires ON quota_leases (expires_at);

-- Sets instance's lease of name to min(want, cap - what other instances' unexpired leases hold), at least 0, until
-- expires; returns the slots it now holds. Instances lease the same name one at a time: the transaction-scoped
-- advisory lock on the name (key space 20) serialises them, and the sum is read by a statement that starts after
-- the lock is taken (a VOLATILE function's statements each take a new snapshot under READ COMMITTED), so it sees
-- every lease committed before, and two instances can never both pass the cap. Called as one statement (its own
-- transaction), the lock is released at its commit, after the lease it wrote is visible to the next waiter.
CREATE FUNCTION quota_lease(p_name TEXT, p_instance TEXT, p_want BIGINT, p_cap BIGINT, p_now TIMESTAMPTZ,
                            p_expires TIMESTAMPTZ) RETURNS BIGINT
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    others  BIGINT;
    granted BIGINT;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        -- a snapshot taken before the lock would miss leases committed while waiting for it
        RAISE EXCEPTION 'quota_lease needs READ COMMITTED, not %', current_setting('transaction_isolation');
    END IF;
    PERFORM pg_advisory_xact_lock(20, hashtext(p_name));
    SELECT COALESCE(sum(slots), 0) INTO others FROM quota_leases
     WHERE name = p_name AND instance <> p_instance AND expires_at > p_now;
    granted := GREATEST(0, LEAST(p_want, p_cap - others));
    INSERT INTO quota_leases AS l (name, instance, slots, expires_at) VALUES (p_name, p_instance, granted, p_expires)
    ON CONFLICT (name, instance) DO UPDATE SET slots = excluded.slots, expires_at = excluded.expires_at;
    RETURN granted;
END
$$;
-- [jooq ignore stop]
