-- What an Orquesta request carries beyond its prompt, and what it cost (issue 5).
-- request: {identity, thread, extra_params, invoke_options} as sent; identity_id and thread_id are pulled out to filter by.
-- cost_usd: the sum of the priced attempts (each attempt in attempts carries its own cost and price source);
-- price_source: the price table version (or custom@time) of the model that answered.
ALTER TABLE request_logs ADD COLUMN metadata      JSONB;
ALTER TABLE request_logs ADD COLUMN identity_id   TEXT;
ALTER TABLE request_logs ADD COLUMN thread_id     TEXT;
ALTER TABLE request_logs ADD COLUMN request       JSONB;
ALTER TABLE request_logs ADD COLUMN cached_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN cost_usd      NUMERIC(20, 10);
ALTER TABLE request_logs ADD COLUMN price_source  TEXT;
