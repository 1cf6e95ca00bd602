package dev.junction.web.sso;

/**
 * A failed sign-in step: the {@link OidcFailure} the person sees, and the reason for the log (which check failed,
 * the provider's error code; never a code, token, state or secret).
 */
final class OidcRefusal extends RuntimeException {
    private final OidcFailure failure;

    OidcRefusal(OidcFailure failure, String reason) {
        super(reason, null, false, false);
        this.failure = failure;
    }

    OidcRefusal(OidcFailure failure, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.failure = failure;
    }

    OidcFailure failure() {
        return failure;
    }
}
