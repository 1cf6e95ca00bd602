package dev.junction.web.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed admin sign-ins per client address: a wrong admin credential (a 401 from {@code /api} to a request that sent an
 * {@code Authorization} header, or a refused panel sign-in) counts one failure. The applications' API keys
 * ({@code /v1}, {@code /v2}) are 256 random bits, which no guessing reaches, and an app with a revoked key behind an
 * address others share (a proxy, localhost) must not lock everyone out: they are not counted nor refused;
 * a request with no credential at all guesses nothing and is not counted; after {@code maxFailures} in one window the address
 * gets 429 with {@code Retry-After} for every authenticated request until the window ends, good credentials
 * included, so guessing gets no answers. The address is the TCP peer ({@code X-Forwarded-For} is not trusted).
 *
 * <p>Memory is bounded: at most {@code maxAddresses} addresses are tracked. When the table is full, ended windows are
 * dropped first, then the addresses not (yet) blocked, and only then everything; so an attacker with many addresses
 * cannot grow it, at worst win back a few guesses. Requests with no failures on record cost one empty-map check.
 */
public final class SignInThrottle {
    /** The request attribute a handler sets when it refuses a sign-in without answering 401 (the panel's form redirects). */
    public static final String FAILED = "junction.signInFailed";

    private final int maxFailures;
    private final long windowMillis;
    private final int maxAddresses;
    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    private record Window(long start, int failures) {}

    public SignInThrottle(int maxFailures, Duration window, int maxAddresses, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.maxAddresses = maxAddresses;
        this.clock = clock;
    }

    /** Checks each authenticated request first, and counts its failure after. */
    void install(RoutesConfig routes) {
        for (String path : GUARDED) {
            routes.before(path, this::check);
            routes.after(path, this::count);
        }
    }

    private void check(Context ctx) {
        if (failures.isEmpty()) return;
        long wait = blockedForMillis(ctx.ip());
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "too many failed sign-ins from this address: try again in " + seconds + " s", null, null);
        }
    }

    private void count(Context ctx) {
        boolean wrongToken = ctx.statusCode() == 401 && ctx.header("Authorization") != null;
        if (wrongToken || ctx.attribute(FAILED) != null) failed(ctx.ip());
    }

    /**
     * The routes that take admin credentials (not {@code /panel/session}, which only asks whether the browser is signed
     * in); the throttle's handlers run on these only, never on an invoke.
     */
    private static final List<String> GUARDED = List.of("/api/*", "/panel/login", "/auth/link");

    /** How long this address is still refused, in milliseconds; 0 when it is not. */
    public long blockedForMillis(String address) {
        Window w = failures.get(address);
        if (w == null) return 0;
        long now = clock.millis();
        long end = w.start() + windowMillis;
        if (now >= end) {
            failures.remove(address, w);
            return 0;
        }
        return w.failures() >= maxFailures ? end - now : 0;
    }

    /** Counts one failed sign-in from this address. */
    public void failed(String address) {
        long now = clock.millis();
        if (!failures.containsKey(address) && failures.size() >= maxAddresses) makeRoom(now);
        failures.compute(address, (a, w) -> w == null || now >= w.start() + windowMillis
                ? new Window(now, 1)
                : new Window(w.start(), w.failures() + 1));
    }

    private void makeRoom(long now) {
        failures.values().removeIf(w -> now >= w.start() + windowMillis);
        if (failures.size() >= maxAddresses) failures.values().removeIf(w -> w.failures() < maxFailures);
        if (failures.size() >= maxAddresses) failures.clear();
    }

    int tracked() {
        return failures.size();
    }
}
