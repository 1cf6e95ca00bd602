-- API keys scoped to projects or deployments, with an optional expiry (issue #21).
-- scope_projects: projects or folder paths inside them ('support', 'support/emea': a path covers its subfolders);
-- scope_deployments: deployment keys (ones that do not exist yet too). A key may invoke a deployment whose live
-- version lives under one of the paths or whose key is listed; both null or empty: every deployment (what keys made
-- before V020 keep). expires_at: the first instant the key no longer works; null: never.
ALTER TABLE api_keys ADD COLUMN scope_projects    TEXT[];
ALTER TABLE api_keys ADD COLUMN scope_deployments TEXT[];
ALTER TABLE api_keys ADD COLUMN expires_at        TIMESTAMPTZ;
