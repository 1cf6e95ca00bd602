package dev.junction.web.sso;

import dev.junction.web.http.ApiError;
import dev.junction.web.http.Routes;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect sign-in for the panel, outside {@code /api} (no credential needed):
 * <ul>
 *   <li>{@code GET /auth/oidc/status}: {@code {"enabled", "label"}}, for the panel's sign-in screen;</li>
 *   <li>{@code GET /auth/oidc/login?next=/panel/...}: 302 to the provider (code flow, state, nonce, PKCE S256), with a
 *       browser binding cookie ({@value #BROWSER_COOKIE}, SameSite=Lax so that it comes back with the provider's
 *       redirect, Path=/auth/oidc, 10 minutes);</li>
 *   <li>{@code GET /auth/oidc/callback?code&state} (or {@code error}): finishes the sign-in on any instance, hands the
 *       person to the {@link OidcSignIn} and sets the session cookie it returns, then 302 to {@code next}.</li>
 * </ul>
 * Every failure is a 4xx (502 when the provider cannot be reached) that says what to do, as HTML for a browser and
 * JSON otherwise, and a WARN line in the log that says which check failed. Without configuration, status says
 * {@code enabled: false} and the other two answer 404.
 */
public final class OidcRoutes implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(OidcRoutes.class);
    static final String BROWSER_COOKIE = "junction_oidc";
    private static final Pattern BROWSER_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

    private final OidcLogin login;
    private final OidcSignIn signIn;

    private OidcRoutes(OidcLogin login, OidcSignIn signIn) {
        this.login = login;
        this.signIn = signIn;
    }

    /** Single sign-on on: {@code login} runs the flow, {@code signIn} lets people in. */
    public static OidcRoutes enabled(OidcLogin login, OidcSignIn signIn) {
        return new OidcRoutes(java.util.Objects.requireNonNull(login), java.util.Objects.requireNonNull(signIn));
    }

    /** Single sign-on not configured: the status says so and the flow's routes answer 404. */
    public static OidcRoutes disabled() {
        return new OidcRoutes(null, null);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/auth/oidc/status", this::status);
        routes.get("/auth/oidc/login", this::login);
        routes.get(OidcSettings.CALLBACK_PATH, this::callback);
    }

    private void status(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", login != null);
        out.put("label", login == null ? null : login.settings().label());
        ctx.header("Cache-Control", "no-store");
        ctx.json(out);
    }

    private void login(Context ctx) {
        requireEnabled();
        noStore(ctx);
        String browser = ctx.cookie(BROWSER_COOKIE);
        if (browser == null || !BROWSER_VALUE.matcher(browser).matches()) browser = login.randomToken();
        URI to;
        try {
            to = login.begin(ctx.queryParam("next"), browser);
        } catch (OidcRefusal e) {
            refuse(ctx, e);
            return;
        }
        ctx.res().addHeader("Set-Cookie", BROWSER_COOKIE + "=" + browser + "; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age="
                + OidcLogin.PENDING_TTL.toSeconds() + (secure(ctx) ? "; Secure" : ""));
        ctx.redirect(to.toString(), HttpStatus.FOUND);
    }

    private void callback(Context ctx) {
        requireEnabled();
        noStore(ctx);
        OidcLogin.Completed done;
        try {
            done = login.complete(new OidcLogin.Callback(ctx.queryParam("code"), ctx.queryParam("state"),
                    ctx.queryParam("error"), ctx.queryParam("error_description")), ctx.cookie(BROWSER_COOKIE));
        } catch (OidcRefusal e) {
            refuse(ctx, e);
            return;
        }
        SessionCookie session;
        try {
            session = signIn.signIn(done.identity(), done.grants(), ctx.ip(), ctx.header("User-Agent"));
        } catch (SignInRefused e) {
            LOG.warn("OIDC sign-in of {} (subject {}) refused by the user store from {}: {} {}", done.identity().email(),
                    done.identity().subject(), ctx.ip(), e.status(), e.getMessage());
            answer(ctx, e.status(), e.getMessage());
            return;
        }
        LOG.info("OIDC sign-in of {} (subject {}, groups {}) from {}", done.identity().email(), done.identity().subject(),
                done.identity().groups(), ctx.ip());
        ctx.res().addHeader("Set-Cookie", sessionCookie(ctx, session));
        ctx.redirect(done.next(), HttpStatus.FOUND);
    }

    private void requireEnabled() {
        if (login == null) {
            throw new ApiError(404, "single sign-on is not configured (set JUNCTION_OIDC_ISSUER, JUNCTION_OIDC_CLIENT_ID "
                    + "and JUNCTION_OIDC_CLIENT_SECRET)", null, null);
        }
    }

    private void refuse(Context ctx, OidcRefusal e) {
        LOG.warn("OIDC sign-in refused from {} ({}): {}", ctx.ip(), e.failure(), e.getMessage());
        String message = e.failure().message();
        if (e.failure() == OidcFailure.PROVIDER_ERROR) {
            String code = OidcLogin.shownErrorCode(ctx.queryParam("error"));
            if (code != null) message += " (" + code + ")";
        }
        answer(ctx, e.failure().status(), message);
    }

    /** The failure as a small HTML page for a browser, or Junction's JSON error body for anything else. */
    private static void answer(Context ctx, int status, String message) {
        String accept = ctx.header("Accept");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html")) {
            ctx.header("Content-Security-Policy", PAGE_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.status(status).contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head>"
                    + "<meta charset=\"utf-8\"><title>Sign-in failed · Junction</title></head>"
                    + "<body style=\"font-family:sans-serif;max-width:36rem;margin:4rem auto\"><h1>Sign-in failed</h1><p>"
                    + escape(message) + "</p><p><a href=\"/panel/\">Back to Junction</a></p></body></html>");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", Integer.toString(status));
        body.put("message", message);
        ctx.status(status).json(body);
    }

    private String sessionCookie(Context ctx, SessionCookie session) {
        StringBuilder c = new StringBuilder(session.name()).append('=').append(session.value())
                .append("; Path=/; HttpOnly; SameSite=Strict");
        if (session.maxAge() != null) c.append("; Max-Age=").append(Math.max(0, session.maxAge().toSeconds()));
        if (secure(ctx)) c.append("; Secure");
        return c.toString();
    }

    /** Secure cookies when the public URL is https, or the request came over https (directly or through a proxy). */
    private boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(login.settings().redirectUri().getScheme()) || "https".equalsIgnoreCase(ctx.scheme())
                || (forwarded != null && forwarded.trim().equalsIgnoreCase("https"));
    }

    /** The callback's URL holds the code and state: no caching, and no Referer to wherever the page links. */
    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
