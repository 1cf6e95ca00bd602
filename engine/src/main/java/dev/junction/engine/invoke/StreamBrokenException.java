package dev.junction.engine.invoke;

import dev.junction.engine.provider.ProviderFailure;

/**
 * A provider failed after the first piece of a streamed answer reached the client: nothing can be retried or sent
 * to the fallback any more (the client already has part of one model's answer). Not a {@code ProviderException},
 * so no retry policy handles it.
 */
final class StreamBrokenException extends RuntimeException {
    private final ProviderFailure failure;

    StreamBrokenException(ProviderFailure failure) {
        super(failure.reason() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    ProviderFailure failure() {
        return failure;
    }
}
