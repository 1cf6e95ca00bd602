package dev.junction.web.sso;

/**
 * An {@link OidcSignIn} refuses someone the provider vouched for: {@code status} (403 mostly) and a message shown to
 * them as it is (so it says what to do, and nothing an attacker could use).
 */
public final class SignInRefused extends RuntimeException {
    public static final String NO_ROLE = "your account has no role in Junction; ask an admin";

    private final int status;

    public SignInRefused(int status, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) throw new IllegalArgumentException("a refusal is a 4xx status, got " + status);
        this.status = status;
    }

    /** Someone whose groups map to no grant and who has no grants of their own. */
    public static SignInRefused noRole() {
        return new SignInRefused(403, NO_ROLE);
    }

    public int status() {
        return status;
    }
}
