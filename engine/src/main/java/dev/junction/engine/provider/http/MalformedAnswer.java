package dev.junction.engine.provider.http;

/**
 * A 2xx body, or an event of a stream, that is not the provider's wire format: the shared path makes it a
 * {@link dev.junction.engine.provider.ProviderFailure.MalformedResponse}. Each mapper throws its own subclass; the
 * message says what is wrong and never quotes the body (it may carry the prompt or the key).
 */
public class MalformedAnswer extends Exception {
    public MalformedAnswer(String message) {
        super(message, null, false, false);
    }
}
