package dev.junction.engine.invoke;

import dev.junction.engine.provider.ProviderFailure;
import java.util.List;
import java.util.UUID;

/**
 * A streamed answer broke after its first piece reached the client: the stream must end with an explicit error
 * event, and the request is logged as {@code truncated}.
 */
public final class StreamTruncatedException extends RuntimeException {
    private final UUID requestId;
    private final ProviderFailure failure;
    private final List<Attempt> attempts;

    StreamTruncatedException(UUID requestId, ProviderFailure failure, List<Attempt> attempts) {
        super("the answer broke off after it started streaming: " + failure.reason() + ": " + failure.message(), null, false, false);
        this.requestId = requestId;
        this.failure = failure;
        this.attempts = List.copyOf(attempts);
    }

    public UUID requestId() { return requestId; }
    public ProviderFailure failure() { return failure; }
    public List<Attempt> attempts() { return attempts; }
}
