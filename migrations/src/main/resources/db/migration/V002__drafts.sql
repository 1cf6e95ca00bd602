-- Drafts and deployment metadata for the panel API.

-- Where a deployment lives, for listing and search. The spec (draft and versions) is the source of truth;
-- these columns follow the draft whenever it is saved.
ALTER TABLE deployments ADD COLUMN project VARCHAR(128) NOT NULL DEFAULT 'default';
ALTER TABLE deployments ADD COLUMN folder VARCHAR(512) NOT NULL DEFAULT '';

-- The one editable copy of a deployment's spec. Saving checks and bumps the revision, so of two concurrent
-- edits of the same revision the later one is refused (409) instead of silently overwriting the first.
CREATE TABLE deployment_drafts (
    deployment_id UUID        PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    revision      INTEGER     NOT NULL,
    spec          JSONB       NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    TEXT        NOT NULL
);

-- A rollback deploys an old version again as the newest; this names the version it came from.
ALTER TABLE deployment_versions ADD COLUMN source_version INTEGER;
