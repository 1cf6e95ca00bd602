-- Provider connections of every kind ConnectionKind knows: OpenAI-compatible vendors as data, Anthropic, Gemini.
ALTER TABLE provider_connections DROP CONSTRAINT provider_connections_kind;
ALTER TABLE provider_connections ADD CONSTRAINT provider_connections_kind CHECK (kind IN (
    'openai', 'azure', 'openai-compatible', 'groq', 'mistral', 'together', 'deepseek', 'openrouter', 'ollama', 'vllm',
    'anthropic', 'gemini'));
