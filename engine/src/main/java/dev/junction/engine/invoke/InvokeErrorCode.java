package dev.junction.engine.invoke;

/**
 * Why a request failed once every option of its variant was tried, as both front doors name it: the OpenAI-compatible
 * API puts {@link #wire()} in {@code error.code}; the Orquesta envelope adds it as {@code error_code}.
 */
public enum InvokeErrorCode {
    /** The prompt does not fit the model's context window (by the gateway's count or the provider's): 400. */
    CONTEXT_LENGTH_EXCEEDED("context_length_exceeded"),
    /** The provider refused the request as invalid (400, 413, 422): the same request would be refused again. */
    PROVIDER_INVALID_REQUEST("provider_invalid_request"),
    /**
     * The request holds a part or asks for a feature (images, files, audio, tools, JSON schema) that no model of the
     * variant can take, by the model garden's capabilities or the adapter's: 400 naming it.
     */
    UNSUPPORTED_CONTENT("unsupported_content"),
    /** The provider does not know the model (404). */
    PROVIDER_MODEL_NOT_FOUND("provider_model_not_found"),
    /** The provider refused the gateway's own credentials (401, 403): the operator's to fix, 502. */
    PROVIDER_CREDENTIALS_REFUSED("provider_credentials_refused"),
    /** A guardrail blocked the request or its answer, or refused every model of the variant: 400 naming it. */
    GUARDRAIL_BLOCKED("guardrail_blocked"),
    /** Every attempt that reached a provider was rate limited: 429. */
    RATE_LIMITED("rate_limit_exceeded"),
    /** Every attempt timed out, or the request's deadline passed: 504. */
    TIMEOUT("upstream_timeout"),
    /** Anything else (server errors, broken connections, a mix): 502. */
    ALL_ATTEMPTS_FAILED("all_attempts_failed");

    private final String wire;

    InvokeErrorCode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
