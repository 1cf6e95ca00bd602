package dev.junction.web.sso;

/**
 * Why an OpenID Connect sign-in failed, as the person sees it: a status and a message that says what to do and
 * nothing an attacker could use (which check failed is in the gateway's log, at WARN).
 */
public enum OidcFailure {
    MISSING_STATE(400, "The sign-in response is incomplete. Start the sign-in again."),
    UNKNOWN_STATE(400, "This sign-in is unknown, already used or expired. Start the sign-in again."),
    OTHER_BROWSER(400, "This sign-in was started in another browser (or its cookie was lost). Start the sign-in again here."),
    PROVIDER_ERROR(401, "The identity provider did not sign you in."),
    CODE_REFUSED(401, "The identity provider refused the sign-in code. Start the sign-in again."),
    INVALID_TOKEN(401, "The identity provider's answer could not be verified. Start the sign-in again; if it keeps failing, ask an admin to check the gateway's log."),
    UNVERIFIED_EMAIL(403, "Your email address is not verified at the identity provider. Verify it there, then sign in again."),
    PROVIDER_UNAVAILABLE(502, "The identity provider cannot be reached right now. Try again in a minute.");

    private final int status;
    private final String message;

    OidcFailure(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
