package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What every adapter's error mapping ({@code OpenAiErrors}, {@code AnthropicErrors}, {@code GeminiErrors}) has in
 * common: the text of a failure (the key masked, whitespace folded, cut to {@value #MAX_MESSAGE} characters; a broken
 * connection in a few typed words, never the exception's text), the
 * failures that do not depend on the wire format (a broken exchange, a timeout, an interrupt, a 2xx that is not an
 * answer, a redirect), and the status-to-{@link ProviderFailure} skeleton. A subclass reads its provider's error
 * bodies and events. Pure: no I/O; the clock only dates an HTTP-date {@code Retry-After}.
 */
public abstract class ProviderErrors {
    public static final int MAX_MESSAGE = 300;
    private static final String MASK = "***";

    /** The connection's name, as failures quote it. */
    protected final String name;
    /** The connection's key, masked wherever it shows up; null when it has none. */
    private final String apiKey;
    protected final Clock clock;

    protected ProviderErrors(HttpConnection connection, Clock clock) {
        this.name = connection.name();
        this.apiKey = connection.hasApiKey() ? connection.apiKey() : null;
        this.clock = clock;
    }

    /** {@link RetryAfter#parse}: delta-seconds or an HTTP-date; null when unreadable; a past date is zero. */
    public static Duration parseRetryAfter(String value, Instant now) {
        return RetryAfter.parse(value, now);
    }

    /** A non-2xx answer: a 3xx is {@link #redirected}, any other what {@link #fromErrorBody} reads. */
    public final ProviderFailure fromResponse(int status, HttpHeaders headers, String body) {
        if (status >= 300 && status < 400) {
            return redirected(status);
        }
        return fromErrorBody(status, headers, body);
    }

    /** A 4xx or 5xx answer, read from the provider's error body and headers: the part each adapter writes. */
    protected abstract ProviderFailure fromErrorBody(int status, HttpHeaders headers, String body);

    // ---- failures every adapter builds alike -------------------------------------------------------------------

    /** A 2xx whose body is not an answer, or a stream that is not a whole one; {@code what} says why, quoting nothing. */
    public ProviderFailure malformed(int status, String what) {
        return new ProviderFailure.MalformedResponse(status, clean(name + " answered " + status + ", but " + what));
    }

    /** A plain call did not finish within {@code limit}. */
    public ProviderFailure didNotAnswer(Duration limit) {
        return new ProviderFailure.Timeout(name + " did not answer within " + limit.toMillis() + " ms");
    }

    /** A stream sent no {@code what} (its first text, its next part) within {@code limit}. */
    public ProviderFailure sentNo(String what, Duration limit) {
        return new ProviderFailure.Timeout(clean(name + " sent no " + what + " within " + limit.toMillis() + " ms"));
    }

    /** A stream sent no text within {@code limit} of the request. */
    public ProviderFailure noText(Duration limit) {
        return sentNo("text", limit);
    }

    /** A stream went quiet for longer than {@code gap} after its first text. */
    public ProviderFailure stalled(Duration gap) {
        return sentNo("next part of the stream", gap);
    }

    /** The calling thread was interrupted; the caller restores the interrupt flag. */
    public ProviderFailure interrupted() {
        return new ProviderFailure.Timeout("interrupted while waiting for " + name);
    }

    /** An I/O failure of the exchange: a timeout of the HTTP client, or a refused, reset or closed connection. */
    public ProviderFailure fromIoException(IOException e, Duration limit) {
        if (e instanceof HttpConnectTimeoutException) {
            return new ProviderFailure.Timeout(clean("could not connect to " + name + " in time"));
        }
        if (e instanceof HttpTimeoutException) {
            return answerTimedOut(limit);
        }
        return new ProviderFailure.ConnectionFailed(clean(describe(e)));
    }

    /** A plain call (or the HTTP client's own timeout of one) ran out of {@code limit}; {@link #didNotAnswer} unless overridden. */
    public ProviderFailure answerTimedOut(Duration limit) {
        return didNotAnswer(limit);
    }

    /** A 3xx: redirects are not followed, so the base URL is likely wrong. */
    protected ProviderFailure redirected(int status) {
        return new ProviderFailure.BadRequest(status,
                clean("HTTP " + status + " (a redirect) from " + name + ": is the base URL right?"));
    }

    /**
     * The failure an error status stands for: 429 rate limited (waiting {@code retryAfter}), 400/413/422 a bad
     * request (or, when {@code contextLengthExceeded}, a too-long prompt), {@link #isUnauthorized} unauthorized,
     * 404 an unknown model, 408 a timeout, 5xx a server error, anything else a bad request.
     */
    protected ProviderFailure byStatus(int status, String message, Duration retryAfter, boolean contextLengthExceeded) {
        if (status == 429) {
            return new ProviderFailure.RateLimited(retryAfter, message);
        }
        if (status == 400 || status == 413 || status == 422) {
            return contextLengthExceeded
                    ? new ProviderFailure.ContextLengthExceeded(status, message)
                    : new ProviderFailure.BadRequest(status, message);
        }
        if (isUnauthorized(status)) {
            return new ProviderFailure.Unauthorized(status, message);
        }
        if (status == 404) {
            return new ProviderFailure.ModelNotFound(message);
        }
        if (status == 408) {
            return new ProviderFailure.Timeout(message);
        }
        if (status >= 500) {
            return new ProviderFailure.ServerError(status, message);
        }
        return new ProviderFailure.BadRequest(status, message);
    }

    /** The statuses that mean the key (or the account) is refused: 401 and 403 unless overridden. */
    protected boolean isUnauthorized(int status) {
        return status == 401 || status == 403;
    }

    // ---- text --------------------------------------------------------------------------------------------------

    /** The provider's own message when it sent one, else {@code HTTP <status> from <name>: <body>}; cleaned. */
    protected String message(int status, String providerMessage, String body) {
        if (providerMessage != null && !providerMessage.isBlank()) {
            return clean(providerMessage);
        }
        String prefix = "HTTP " + status + " from " + name;
        return clean(body == null || body.isBlank() ? prefix : prefix + ": " + body);
    }

    /** Masks the key, folds whitespace and cuts to {@link #MAX_MESSAGE} characters (in that order). */
    public String clean(String message) {
        String text = message;
        if (apiKey != null) {
            text = text.replace(apiKey, MASK);
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE - 1) + "…";
        }
        return text;
    }

    /**
     * A broken exchange in a few typed words. The exception's own text names local addresses and ports and the HTTP
     * client's classes, which are the gateway's business, not its clients': it goes to the gateway's log only
     * ({@link HttpCalls#fail}).
     */
    private String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) return "connection refused by " + name;
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "could not resolve the host of " + name;
            }
            if (t instanceof java.net.NoRouteToHostException) return "no route to " + name;
            if (t instanceof javax.net.ssl.SSLException) return "the TLS handshake with " + name + " failed";
            if (t instanceof java.io.EOFException || t instanceof java.nio.channels.ClosedChannelException
                    || String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("reset")) {
                return name + " closed the connection";
            }
        }
        return "connection to " + name + " failed";
    }
}
