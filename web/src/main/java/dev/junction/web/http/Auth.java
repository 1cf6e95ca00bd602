package dev.junction.web.http;

import dev.junction.web.panel.PanelSessions;
import dev.junction.engine.access.Principal;
import dev.junction.engine.access.Sessions;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Bearer-token checks for the invoke APIs (API keys) and the panel API (admin tokens). The panel API also takes
 * the panel's session cookie instead of a bearer token; a state-changing request made that way must carry the
 * session's CSRF token in {@value PanelSessions#CSRF_HEADER} (a bearer-token request needs none: a browser never
 * adds that header by itself).
 */
public final class Auth {
    /** The request attribute that holds the name of who made a panel request (a person's email, a token's name). */
    public static final String ADMIN_TOKEN_NAME = "junction.adminTokenName";
    /** The request attribute that holds the {@link Principal} of a panel API request. */
    public static final String PRINCIPAL = "junction.principal";

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
        if (token == null || !valid.test(token)) throw unauthorized(ctx, token, what);
    }

    /**
     * The id of the API key the request carries ({@code keyIds} gives null for a token that is no active key).
     *
     * @throws ApiError 401 without a valid API key
     */
    public static UUID requireApiKey(Context ctx, Function<String, UUID> keyIds) {
        String token = bearer(ctx);
        UUID id = token == null ? null : keyIds.apply(token);
        if (id == null) throw unauthorized(ctx, token, "API key");
        return id;
    }

    private static ApiError unauthorized(Context ctx, String token, String what) {
        ctx.header("WWW-Authenticate", "Bearer");
        return new ApiError(401, (token == null ? "missing " : "invalid ") + what
                + ": send it as 'Authorization: Bearer <" + what + ">'", null, null);
    }

    /**
     * Finds who is calling: an admin token (bootstrap or service account) as a bearer token, else the panel's session
     * cookie (with the CSRF check on state-changing methods); keeps the {@link Principal} on the request.
     *
     * @throws ApiError 401 without valid credentials, 403 for a cookie request without the right CSRF token
     */
    public static void authenticate(Context ctx, Function<String, Optional<Principal>> tokens, PanelSessions sessions) {
        String token = bearer(ctx);
        if (token == null && sessions != null && ctx.cookie(PanelSessions.COOKIE) != null) {
            Sessions.Session session = sessions.find(ctx.cookie(PanelSessions.COOKIE)).orElseThrow(() ->
                    new ApiError(401, "the panel session has ended (signed out, expired, disabled, or its admin token was revoked): "
                            + "sign in again", null, null));
            if (!isSafe(ctx.method()) && !PanelSessions.csrfMatches(session, ctx.header(PanelSessions.CSRF_HEADER))) {
                throw new ApiError(403, "missing or wrong CSRF token: a request with the panel's session cookie must send the session's "
                        + "token as '" + PanelSessions.CSRF_HEADER + "'", null, null);
            }
            signedIn(ctx, session.principal());
            return;
        }
        Optional<Principal> principal = token == null ? Optional.empty() : tokens.apply(token);
        if (principal.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, (token == null ? "missing " : "invalid or revoked ")
                    + "admin token: send it as 'Authorization: Bearer <admin token>'", null, null);
        }
        signedIn(ctx, principal.get());
    }

    private static void signedIn(Context ctx, Principal principal) {
        ctx.attribute(ADMIN_TOKEN_NAME, principal.name());
        ctx.attribute(PRINCIPAL, principal);
    }

    /**
     * Who made this panel API request.
     *
     * @throws IllegalStateException outside {@code /api} (no principal was set: a wiring mistake, never a client's)
     */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) throw new IllegalStateException("no principal on " + ctx.method() + " " + ctx.path());
        return p;
    }

    static boolean isSafe(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.HEAD || method == HandlerType.OPTIONS;
    }

    /** Who made this request, as authorship and history show it ("bootstrap" for the configured token); null outside /api. */
    public static String adminTokenName(Context ctx) {
        return ctx.attribute(ADMIN_TOKEN_NAME);
    }
}
