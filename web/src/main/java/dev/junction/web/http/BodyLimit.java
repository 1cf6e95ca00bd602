package dev.junction.web.http;

import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body limit and the budget of body bytes held in memory at once.
 *
 * <ul>
 *   <li>A body whose {@code Content-Length} is over the limit is refused before a byte of it is read: a 413 in the
 *       front door's error shape naming the limit. A chunked body is cut off when it passes the limit (Javalin's
 *       bounded read, {@code http.maxRequestSize}), with the same answer ({@link #tooLarge}).</li>
 *   <li>Bodies are held in memory whole (and again as JSON), so N bodies at the limit hold N times the limit. A body
 *       over {@value #COUNTED_FROM} bytes (or of unknown length, counted at the limit) reserves its size from one budget
 *       for the whole request; when the budget is spent the request is a 503 with {@code Retry-After}, before its body
 *       is read. Smaller bodies are not counted: the invoke path pays nothing for this.</li>
 *   <li>A refused body is read to its end and thrown away (up to {@value #DRAIN_LIMIT_FACTOR} times the limit, for at
 *       most {@link #DRAIN_TIME}) before the answer goes out with {@code Connection: close}. Closing a connection with
 *       unread bytes makes the kernel reset it, and most clients, still sending, then never see the 413 at all; they
 *       report "connection reset" or "broken pipe" instead. A client that sent {@code Expect: 100-continue} and is refused
 *       before its body is read is answered at once and sends nothing; one cut off while its body was read had been told
 *       to continue, and is drained like the rest.</li>
 * </ul>
 */
public final class BodyLimit {
    /** Bodies up to this size are not counted against the budget. */
    static final long COUNTED_FROM = 64 * 1024;
    static final int RETRY_AFTER_SECONDS = 1;
    /** The panel's sign-in, which reads its body without a credential, takes at most this much, never chunked. */
    static final String SIGN_IN = "/panel/login";
    static final long SIGN_IN_MAX_BYTES = 16 * 1024;
    private static final Key<BodyLimit> KEY = new Key<>("junction-body-limit");
    private static final String RESERVED = "junction.bodyReserved";
    private static final String REFUSED = "junction.bodyRefused";
    static final int DRAIN_LIMIT_FACTOR = 4;
    static final Duration DRAIN_TIME = Duration.ofSeconds(30);

    private final long maxBytes;
    private final long budgetBytes;
    private final AtomicLong inFlight = new AtomicLong();

    /**
     * @param maxBytes    the largest body accepted
     * @param budgetBytes the most body bytes of counted requests in flight at once (at least {@code maxBytes})
     */
    public BodyLimit(long maxBytes, long budgetBytes) {
        if (maxBytes < 1) throw new IllegalArgumentException("the body limit must be at least 1 byte");
        this.maxBytes = maxBytes;
        this.budgetBytes = Math.max(budgetBytes, maxBytes);
    }

    /** Installs the limit: Javalin's own bounded read, the check before every handler, the release after. */
    void install(JavalinConfig config) {
        config.http.maxRequestSize = maxBytes;
        config.appData(KEY, this);
        config.routes.before(SIGN_IN, this::admitSignIn);
        config.routes.before(this::admit);
        config.routes.after(this::release);
    }

    private void admit(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBytes) {
            ctx.header("Connection", "close");
            ctx.attribute(REFUSED, true);
            throw tooLarge(length);
        }
        long counted = length >= 0 ? length : (ctx.header("Transfer-Encoding") != null ? maxBytes : 0);
        if (counted <= COUNTED_FROM) return;
        if (inFlight.addAndGet(counted) > budgetBytes) {
            inFlight.addAndGet(-counted);
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            ctx.header("Connection", "close");
            ctx.attribute(REFUSED, true);
            throw new ApiError(503, "the gateway is holding as many large request bodies as it may at once ("
                    + mib(budgetBytes) + ", JUNCTION_BODY_BUDGET_MB): retry in a moment", null,
                    Map.of("budget_bytes", budgetBytes));
        }
        ctx.attribute(RESERVED, counted);
    }

    /**
     * The one route that reads a body before any credential may not hold the budget (eight slow uploads of unknown
     * length would hold 256 MiB and refuse every large invoke) nor more than a form's worth.
     */
    private void admitSignIn(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length >= 0 && length <= SIGN_IN_MAX_BYTES) return;
        ctx.header("Connection", "close");
        ctx.attribute(REFUSED, true);
        throw new ApiError(413, "a sign-in body is at most " + SIGN_IN_MAX_BYTES + " bytes, sent with its Content-Length",
                null, Map.of("limit_bytes", SIGN_IN_MAX_BYTES));
    }

    private void release(Context ctx) {
        Long reserved = ctx.attribute(RESERVED);
        if (reserved != null) {
            ctx.attribute(RESERVED, null);
            inFlight.addAndGet(-reserved);
        }
        if (ctx.statusCode() == 413 || ctx.attribute(REFUSED) != null) drain(ctx);
    }

    /** Reads what is left of a refused body, into one small buffer, so the connection can close without a reset. */
    private void drain(Context ctx) {
        // Refused before its body was read, a client that asked for 100 Continue never got it and sends nothing. One
        // refused while it was read (a chunked body cut off at the limit) was told to continue and is still sending.
        String expect = ctx.header("Expect");
        boolean toldToContinue = ctx.attribute(REFUSED) == null;
        if (expect != null && expect.equalsIgnoreCase("100-continue") && !toldToContinue) return;
        byte[] buffer = new byte[8192];
        long left = maxBytes * DRAIN_LIMIT_FACTOR;
        long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
        try {
            InputStream in = ctx.req().getInputStream();
            for (int n; left > 0 && System.nanoTime() < deadline && (n = in.read(buffer)) >= 0; ) left -= n;
        } catch (IOException | RuntimeException e) {
            // the client went away or the body broke off: the answer is all there is left to do
        }
    }

    /** The 413 for a body of {@code length} bytes (-1: unknown, a chunked body cut off at the limit). */
    ApiError tooLarge(long length) {
        String size = length >= 0 ? "of " + length + " bytes " : "";
        return new ApiError(413, "the request body " + size + "is over the limit of " + maxBytes + " bytes (" + mib(maxBytes)
                + ", JUNCTION_MAX_BODY_MB)", null, Map.of("limit_bytes", maxBytes));
    }

    /** The 413 of a request on a server with a limit installed (Javalin's bounded read gives no size). */
    static ApiError tooLarge(Context ctx) {
        return ctx.appData(KEY).tooLarge(-1);
    }

    private static String mib(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
