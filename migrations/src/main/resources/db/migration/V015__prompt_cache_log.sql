-- Provider prompt caching in the log and in analytics (issue 20, point 2).
-- cache_write_tokens: the prompt tokens the answer wrote to the provider's prompt cache (Anthropic's
-- cache_creation_input_tokens; 0 for providers that cache on their own), null when there was no answer.
-- prompt_cache_saved_usd: what the cached tokens (cached_tokens) would have cost at the input price, less what they
-- cost, summed over the request's priced attempts; null when none was priced. Rows written before read as null.
-- Both are added to the partitioned parent (V008): PostgreSQL adds them to every partition.
ALTER TABLE request_logs ADD COLUMN cache_write_tokens INTEGER;
ALTER TABLE request_logs ADD COLUMN prompt_cache_saved_usd NUMERIC(20, 10);

-- The hourly rollups (V009) sum them; hours rolled up before this migration read as 0.
-- [jooq ignore start]
ALTER TABLE request_rollups ADD COLUMN cache_write_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE request_rollups ADD COLUMN prompt_cache_saved_usd NUMERIC(24, 10) NOT NULL DEFAULT 0;
-- [jooq ignore stop]
