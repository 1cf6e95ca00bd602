package dev.junction.engine.provider;

/** Thrown by an adapter when a call fails; carries the typed {@link ProviderFailure}. */
public final class ProviderException extends RuntimeException {
    private final ProviderFailure failure;

    public ProviderException(ProviderFailure failure) {
        super(failure.reason() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public ProviderFailure failure() {
        return failure;
    }
}
