-- Junction schema, version 3: the model garden and provider connections.

-- The models variants may use, per provider: limits and list prices in US dollars per million tokens.
-- Rows come from the shipped price table (custom = false, refreshed on every start) or from a user
-- (custom = true: added or edited through the API, never overwritten by the price table).
-- active is set only by users (and on first insert); the price table never changes it.
CREATE TABLE models (
    provider                 VARCHAR(64)    NOT NULL,
    model                    VARCHAR(128)   NOT NULL,
    context_window           INTEGER        NOT NULL,
    max_output_tokens        INTEGER        NOT NULL,
    input_per_million        NUMERIC(12, 6) NOT NULL,
    output_per_million       NUMERIC(12, 6) NOT NULL,
    cached_input_per_million NUMERIC(12, 6) NOT NULL,
    active                   BOOLEAN        NOT NULL DEFAULT FALSE,
    custom                   BOOLEAN        NOT NULL DEFAULT FALSE,
    price_table_version      VARCHAR(64),
    updated_at               TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (provider, model),
    CONSTRAINT models_limits CHECK (context_window > 0 AND max_output_tokens > 0 AND max_output_tokens <= context_window),
    CONSTRAINT models_prices CHECK (input_per_million >= 0 AND output_per_million >= 0 AND cached_input_per_million >= 0)
);

-- One row: the version of the shipped price table last loaded, which cost records name.
CREATE TABLE catalog_meta (
    id                  INTEGER     PRIMARY KEY,
    price_table_version VARCHAR(64) NOT NULL,
    source              TEXT,
    loaded_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT catalog_meta_single_row CHECK (id = 1)
);

-- Provider connections, by the name variants use ("openai"). The API key is stored encrypted only
-- (AES-256-GCM, a fresh 12-byte nonce per key, the connection's name as associated data); the
-- encryption key is never in the database.
CREATE TABLE provider_connections (
    name               VARCHAR(64)  PRIMARY KEY,
    kind               VARCHAR(32)  NOT NULL,
    base_url           TEXT         NOT NULL,
    api_key_ciphertext BYTEA,
    api_key_nonce      BYTEA,
    azure_deployment   TEXT,
    azure_api_version  TEXT,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT provider_connections_kind CHECK (kind IN ('openai', 'azure', 'openai-compatible')),
    CONSTRAINT provider_connections_key_pair CHECK ((api_key_ciphertext IS NULL) = (api_key_nonce IS NULL))
);
