-- Which API key made each request, and which texts of a row were cut (issue 17, defects 7 and 8).
-- api_key_id: the api_keys row of the key the request came with (never the key); null for a request without one
-- (the panel's simulator) and for every row written before this migration, which no API key can reach through
-- the /v2 routes (only admins can). No foreign key: a log row outlives a deleted key, and a row's partition is
-- dropped by retention. No index either: an index costs ingest on every row, and the /v2 routes find a row by its id
-- (then compare its key); the admins' ?apiKey= filter runs over the time order like the identity and thread filters.
-- truncated: {"<path>": {"bytes": full size in UTF-8, "sha256": hex of those bytes}} for each text cut to
-- JUNCTION_LOG_BODY_MAX_KB; null when nothing was cut.
ALTER TABLE request_logs ADD COLUMN api_key_id UUID;
ALTER TABLE request_logs ADD COLUMN truncated  JSONB;
