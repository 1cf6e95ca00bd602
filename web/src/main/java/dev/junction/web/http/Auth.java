package dev.junction.web.http;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.function.Predicate;

/** Bearer-token checks for the invoke APIs (API keys) and the panel API (admin tokens). */
public final class Auth {
    private Auth() {}

    /** The token of an {@code Authorization: Bearer <token>} header, or null. */
    public static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) return null;
        header = header.trim();
        if (header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) return null;
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** @throws ApiError 401 unless the request carries a bearer token that {@code valid} accepts */
    public static void require(Context ctx, Predicate<String> valid, String what) {
        String token = bearer(ctx);
        if (token == null || !valid.test(token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, (token == null ? "missing " : "invalid ") + what
                    + ": send it as 'Authorization: Bearer <" + what + ">'", null, null);
        }
    }
}
