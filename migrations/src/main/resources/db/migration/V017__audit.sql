-- Junction schema, version 17: the audit trail (issue #21). One row per change made through the panel API (or
-- recorded by the gateway itself: sign-ins), append-only, each row chained to the one before by a SHA-256 hash
-- (engine/audit/AuditChain defines the canonical form that is hashed).
--
-- seq is 1, 2, 3... with no gap: the appender takes a transaction-level advisory lock, reads the last row and writes
-- seq + 1 (an identity or sequence would leave a gap at every rolled-back append, which a verifier must read as a
-- removed row). before/after are the redacted snapshots of the target, diff the list of {path, before, after}.
CREATE TABLE audit_log (
    seq         BIGINT      PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL,
    actor_kind  TEXT        NOT NULL,
    actor_id    TEXT        NOT NULL,
    actor_name  TEXT        NOT NULL,
    ip          TEXT,
    user_agent  TEXT,
    action      TEXT        NOT NULL,
    target_kind TEXT,
    target_id   TEXT,
    before      JSONB,
    after       JSONB,
    diff        JSONB,
    prev_hash   TEXT        NOT NULL,
    hash        TEXT        NOT NULL,
    CONSTRAINT audit_log_seq CHECK (seq > 0)
);

-- [jooq ignore start]
-- The filters of /api/audit (jOOQ's H2 simulation cannot index TEXT). Action prefixes: LIKE 'provider.%'.
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id, seq);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action text_pattern_ops, seq);

-- Append-only: no UPDATE, DELETE or TRUNCATE, whoever asks. The owner of the table can still disable the triggers
-- (ALTER TABLE ... DISABLE TRIGGER) or drop the table: the hash chain is what detects that (README, audit trail).
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
-- [jooq ignore stop]
