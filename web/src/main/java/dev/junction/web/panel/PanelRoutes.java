package dev.junction.web.panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.Sessions;
import dev.junction.engine.deployment.FieldError;
import dev.junction.web.http.ApiError;
import dev.junction.web.http.SignInThrottle;
import dev.junction.web.http.StrictJson;
import dev.junction.web.http.Routes;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The panel: its static files (HTML, CSS, our own ES modules) from the classpath under {@code /panel/}, and its
 * session endpoints. {@code POST /panel/login} takes a person's email and password (JSON {@code {"email","password"}}
 * or form fields) or an admin token ({@code {"token"}}) and sets the {@value PanelSessions#COOKIE} cookie (HttpOnly, SameSite=Strict, Path=/, Secure over
 * https); {@code GET /panel/session} says who is signed in and gives the CSRF token to the page's scripts;
 * {@code POST /panel/logout} ends the session. The scripts then call {@code /api} with the cookie.
 */
public final class PanelRoutes implements Routes {
    static final String SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final PanelSessions sessions;
    private final ObjectMapper mapper;
    /**
     * Failed password sign-ins per email (known or not: the answer must not tell), on top of the per-address throttle:
     * 10 in 15 minutes and that email's password sign-in waits out the window. Someone could keep a person out this
     * way for as long as they keep guessing; single sign-on and admin tokens are not affected.
     */
    private final SignInThrottle accounts;

    public PanelRoutes(PanelSessions sessions, ObjectMapper mapper) {
        this(sessions, mapper, new SignInThrottle(10, java.time.Duration.ofMinutes(15), 100_000, java.time.Clock.systemUTC()));
    }

    public PanelRoutes(PanelSessions sessions, ObjectMapper mapper, SignInThrottle accounts) {
        this.sessions = sessions;
        this.mapper = mapper;
        this.accounts = accounts;
    }

    @Override
    public void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/panel";
            files.directory = "/panel";
            files.location = Location.CLASSPATH;
            files.headers = Map.of(
                    "Content-Security-Policy", SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff",
                    "X-Frame-Options", "DENY",
                    "Referrer-Policy", "no-referrer",
                    "Cache-Control", "no-cache");
        });
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/panel/"));
        routes.post("/panel/login", this::login);
        routes.get("/panel/session", this::session);
        routes.post("/panel/logout", this::logout);
    }

    private void login(Context ctx) {
        requireSameOrigin(ctx);
        boolean form = isForm(ctx);
        JsonNode json = form ? null : StrictJson.read(mapper, ctx.body(), "body");
        String email = form ? ctx.formParam("email") : text(json, "email");
        String password = form ? ctx.formParam("password") : text(json, "password");
        String token = form ? ctx.formParam("token") : text(json, "token");
        String ip = ctx.ip();
        String agent = ctx.userAgent();
        boolean byPassword = email != null && !email.isBlank();
        String account = byPassword ? email.strip().toLowerCase(Locale.ROOT) : null;
        if (account != null && account.length() <= 320) {
            long wait = accounts.blockedForMillis(account);
            if (wait > 0) {
                long seconds = (wait + 999) / 1000;
                ctx.header("Retry-After", Long.toString(seconds));
                throw new ApiError(429, "too many failed sign-ins for this account: try again in " + seconds + " s", null, null);
            }
        }
        Optional<Sessions.Session> session = byPassword
                ? sessions.loginWithPassword(email, password, ip, agent)
                : sessions.loginWithToken(token, ip, agent);
        if (session.isEmpty()) {
            boolean tried = byPassword || (token != null && !token.isBlank());
            if (tried) ctx.attribute(SignInThrottle.FAILED, true); // a wrong password or token: counted
            if (account != null && account.length() <= 320) accounts.failed(account);
            if (form) {
                ctx.redirect("/panel/#/login?error=invalid", io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            // one answer for an unknown person, a wrong password and a disabled account
            throw new ApiError(401, "sign-in failed", List.of(byPassword
                    ? new FieldError("password", "wrong email or password")
                    : new FieldError("token", token == null || token.isBlank()
                            ? "enter your email and password, or an admin token" : "not a valid admin token (revoked, or mistyped)")), null);
        }
        ctx.header("Set-Cookie", cookie(ctx, session.get().id(), -1));
        ctx.header("Cache-Control", "no-store");
        if (form) {
            ctx.redirect("/panel/", io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.json(view(session.get()));
        }
    }

    private static String text(JsonNode body, String field) {
        return body != null && body.path(field).isTextual() ? body.path(field).asText() : null;
    }

    private void session(Context ctx) {
        Sessions.Session session = sessions.find(ctx.cookie(PanelSessions.COOKIE))
                .orElseThrow(() -> new ApiError(401, "not signed in", null, null));
        ctx.header("Cache-Control", "no-store");
        ctx.json(view(session));
    }

    private void logout(Context ctx) {
        requireSameOrigin(ctx);
        Optional<Sessions.Session> session = sessions.find(ctx.cookie(PanelSessions.COOKIE));
        if (session.isPresent()) {
            String presented = ctx.header(PanelSessions.CSRF_HEADER);
            if (presented == null && isForm(ctx)) presented = ctx.formParam("csrf");
            if (!PanelSessions.csrfMatches(session.get(), presented)) {
                throw new ApiError(403, "missing or wrong CSRF token", null, null);
            }
            sessions.logout(session.get().id());
        }
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        if (isForm(ctx)) {
            ctx.redirect("/panel/", io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.status(204);
        }
    }

    private static Map<String, Object> view(Sessions.Session session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", session.principal().name());
        out.put("kind", session.principal().kind().wire());
        out.put("csrfToken", session.csrfToken());
        out.put("expiresAt", session.expiresAt().toString());
        return out;
    }

    /** The session cookie; {@code maxAge} 0 deletes it, -1 makes it last as long as the browser (the server expires it). */
    public static String cookie(Context ctx, String value, int maxAge) {
        StringBuilder c = new StringBuilder(PanelSessions.COOKIE).append('=').append(value)
                .append("; Path=/; HttpOnly; SameSite=Strict");
        if (maxAge >= 0) c.append("; Max-Age=").append(maxAge);
        if (isHttps(ctx)) c.append("; Secure");
        return c.toString();
    }

    static boolean isHttps(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(ctx.scheme()) || (forwarded != null && forwarded.trim().equalsIgnoreCase("https"));
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** Sign-in and sign-out from another site's page are refused (SameSite already keeps its cookie away). */
    private static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) return;
        String host = ctx.header("Host");
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            if (host != null && host.equalsIgnoreCase(originHost)) return;
        } catch (IllegalArgumentException e) {
            // not a URI: refused below
        }
        throw new ApiError(403, "cross-origin request refused (Origin " + origin + ")", null, null);
    }
}
