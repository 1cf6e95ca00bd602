package dev.junction.web.sso;

import java.time.Duration;
import java.util.Objects;

/**
 * The session an {@link OidcSignIn} opened: {@link OidcRoutes} sets it as an HttpOnly, SameSite=Strict cookie on
 * Path=/ (Secure over https). {@code maxAge} null makes it last as long as the browser (the server expires it).
 */
public record SessionCookie(String name, String value, Duration maxAge) {
    public SessionCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!name.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("not a cookie name: " + name);
        if (!value.matches("[\\x21\\x23-\\x2B\\x2D-\\x3A\\x3C-\\x5B\\x5D-\\x7E]*")) {
            throw new IllegalArgumentException("a cookie value has no spaces, quotes, commas, semicolons or backslashes");
        }
        if (maxAge != null && maxAge.isNegative()) throw new IllegalArgumentException("maxAge must not be negative");
    }

    /** Never prints the session id. */
    @Override
    public String toString() {
        return "SessionCookie[name=" + name + ", value=***, maxAge=" + maxAge + "]";
    }
}
