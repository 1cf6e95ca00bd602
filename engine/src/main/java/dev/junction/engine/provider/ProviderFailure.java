package dev.junction.engine.provider;

import java.time.Duration;

/**
 * Why a provider call failed. Whether a failure is worth retrying on the same model is decided here,
 * and only here; which HTTP status a client sees once every option failed is decided in one place,
 * {@link dev.junction.engine.invoke.InvokeFailure}.
 */
public sealed interface ProviderFailure {

    /** Short machine-readable reason, as logs and error bodies show it. */
    String reason();

    /** What the provider (or the connection) said, with no credentials in it. */
    String message();

    /** The HTTP status the provider answered with, or 0 when there was no answer. */
    default int upstreamStatus() {
        return 0;
    }

    /**
     * Whether the request reached the provider. False for a prompt the gateway found too large for the model's
     * context window, a provider with no connection and an open circuit: nothing was sent, nobody answered.
     */
    default boolean sent() {
        return switch (this) {
            case ContextLengthExceeded c -> c.upstreamStatus() != 0;
            case NotConnected n -> false;
            case CircuitOpen c -> false;
            case Unsupported u -> false;
            case GuardrailRejected g -> g.wasSent();
            default -> true;
        };
    }

    /** Retry on the same model? Rate limits, server errors, timeouts and broken connections: yes. */
    default boolean retryable() {
        return switch (this) {
            case RateLimited r -> true;
            case ServerError s -> true;
            case Timeout t -> true;
            case ConnectionFailed c -> true;
            case MalformedResponse m -> true;
            case InvalidOutput i -> true;
            case Unsupported u -> false;
            case ContextLengthExceeded c -> false;
            case Unauthorized u -> false;
            case ModelNotFound n -> false;
            case BadRequest b -> false;
            case NotConnected n -> false;
            case CircuitOpen c -> false;
            case GuardrailRejected g -> false;
        };
    }

    /** 429. {@code retryAfter} is null when the provider did not say. */
    record RateLimited(Duration retryAfter, String message) implements ProviderFailure {
        public String reason() { return "rate_limited"; }
        public int upstreamStatus() { return 429; }
    }

    record ServerError(int upstreamStatus, String message) implements ProviderFailure {
        public String reason() { return "server_error"; }
    }

    record Timeout(String message) implements ProviderFailure {
        public String reason() { return "timeout"; }
    }

    record ConnectionFailed(String message) implements ProviderFailure {
        public String reason() { return "connection_error"; }
    }

    /** 2xx with a body that is not the provider's wire format. */
    record MalformedResponse(int upstreamStatus, String message) implements ProviderFailure {
        public String reason() { return "malformed_response"; }
    }

    /**
     * The prompt plus the requested output does not fit the model's context window: the provider said so with
     * {@code upstreamStatus} (400, say), or, with {@code upstreamStatus} 0, the gateway counted it and sent nothing.
     */
    record ContextLengthExceeded(int upstreamStatus, String message) implements ProviderFailure {
        public String reason() { return "context_window"; }

        /** The gateway's own count: not sent. */
        public static ContextLengthExceeded notSent(String message) {
            return new ContextLengthExceeded(0, message);
        }
    }

    record Unauthorized(int upstreamStatus, String message) implements ProviderFailure {
        public String reason() { return "unauthorized"; }
    }

    record ModelNotFound(String message) implements ProviderFailure {
        public String reason() { return "model_not_found"; }
        public int upstreamStatus() { return 404; }
    }

    record BadRequest(int upstreamStatus, String message) implements ProviderFailure {
        public String reason() { return "bad_request"; }
    }

    /** The gateway has no connection of that name (it was deleted after the version went live): no call was made. */
    record NotConnected(String message) implements ProviderFailure {
        public String reason() { return "no_connection"; }
    }

    /** The model's circuit is open after repeated failures: no call was made, the fallback is tried. */
    record CircuitOpen(String message) implements ProviderFailure {
        public String reason() { return "circuit_open"; }
    }

    /**
     * The answer broke the variant's contract: text that does not match its {@code json_schema} response format, or
     * tool-call arguments that do not match the tool's parameters. Retried, then the fallback, like a provider error;
     * the answer never reaches the client.
     */
    record InvalidOutput(String message) implements ProviderFailure {
        public String reason() { return "invalid_output"; }
    }

    /**
     * The request needs what this model or its provider cannot take (an image part for a text-only model, audio for
     * a provider without audio input, tools for a model without tool use): not sent, and the variant moves on to its
     * fallback with reason {@code capability}. The message names the part or parameter by its path.
     */
    record Unsupported(String message) implements ProviderFailure {
        public String reason() { return "capability"; }
    }

    /**
     * A guardrail with action {@code fallback} failed: on the input (the model was skipped, nothing sent) or on this
     * model's answer (sent and billed, the answer never reaches the client). Not retried: the variant moves on to its
     * next model.
     */
    record GuardrailRejected(String message, boolean wasSent) implements ProviderFailure {
        public String reason() { return "guardrail"; }
    }
}
