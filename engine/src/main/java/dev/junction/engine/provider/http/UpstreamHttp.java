package dev.junction.engine.provider.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP client every provider adapter calls its provider with: one per gateway, shared by all adapters (it holds
 * a selector, a small thread pool and a connection pool per provider host). HTTP/1.1, redirects not followed, no
 * cookies, no compression asked for (a streamed answer must not wait in a decoder), a connect timeout.
 * <p>Built on Jetty's client: measured under load, the JDK's {@code java.net.http.HttpClient} spent about a third of
 * the gateway's CPU per request (a filter chain instantiated by reflection per exchange, a connection pool whose
 * expiry list is walked on every return, hand-offs between its selector and executor threads); see
 * docs/benchmarks/invoke-load.md. What the adapters see stays in the JDK's vocabulary: {@link HttpHeaders} for an
 * answer's headers, {@link HttpConnectTimeoutException} / {@link HttpTimeoutException} / {@link IOException} for a
 * broken exchange ({@link #failure}), so {@link ProviderErrors} reads them as before. Thread-safe.
 */
public final class UpstreamHttp implements AutoCloseable {
    /** The longest answer body (not streamed) that is read; a longer one fails the call as malformed. */
    public static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;
    /** Pooled connections that carry nothing for this long are closed. */
    static final Duration POOLED_IDLE = Duration.ofSeconds(60);
    /** Added to a call's own limit for the connection's idle timeout while the call runs: the limit decides first. */
    private static final long IDLE_SLACK_MS = 1_000;

    private final HttpClient client;

    private UpstreamHttp(HttpClient client) {
        this.client = client;
    }

    /** A started client with the given connect timeout. */
    public static UpstreamHttp start(Duration connectTimeout) {
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("upstream-http");
        threads.setDaemon(true);
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // Every listener here only hands over (completes a future, fills a queue): the selector thread may run them
        // itself instead of passing each answer to another thread.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(threads); // these three set the connector's
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(POOLED_IDLE.toMillis());
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(new HttpField("User-Agent", "junction"));
        client.setMaxConnectionsPerDestination(1024);
        client.setMaxRequestsQueuedPerDestination(16 * 1024);
        client.getContentDecoderFactories().clear(); // no Accept-Encoding: gzip
        try {
            client.start();
            // No 401/407 challenge handling, 100-continue or upgrades (start() registers them): a provider's 401 is an
            // answer for the adapter to read; Jetty's handler turns one without WWW-Authenticate into a failure.
            client.getProtocolHandlers().clear();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the upstream HTTP client", e);
        }
        return new UpstreamHttp(client);
    }

    /** A started client with a 10 s connect timeout. */
    public static UpstreamHttp start() {
        return start(Duration.ofSeconds(10));
    }

    /** One POST of a JSON (or other text) body; headers in the order given. */
    public record Post(URI uri, List<Map.Entry<String, String>> headers, String body) {
        public Post {
            Objects.requireNonNull(uri, "uri");
            headers = List.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }

        public static Post to(URI uri, String body) {
            return new Post(uri, List.of(), body);
        }

        public Post header(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers.size() + 1);
            more.addAll(headers);
            more.add(Map.entry(name, value));
            return new Post(uri, more, body);
        }
    }

    /** A whole answer. Its headers are read only for a failure (Retry-After), so they are converted when asked for. */
    public record Answer(int status, HttpFields fields, String body) {
        public HttpHeaders headers() {
            return UpstreamHttp.headers(fields);
        }
    }

    /**
     * Sends {@code post} and waits at most {@code limit} in all for the whole answer.
     *
     * @throws HttpTimeoutException when {@code limit} ran out ({@link HttpConnectTimeoutException} while connecting)
     * @throws IOException          when the exchange broke
     */
    public Answer send(Post post, Duration limit) throws IOException, InterruptedException {
        // at least 1 ms: Jetty reads a total timeout of 0 as none at all
        Request request = request(post, limit).timeout(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        CompletableFuture<ContentResponse> future = new CompletableResponseListener(request, MAX_ANSWER_BYTES).send();
        try {
            // Untimed: the request's own total timeout (above) fails the future with a TimeoutException when
            // limit runs out. A timed get would put every call on the virtual-thread scheduler's timer queue
            // (measured: two wake-ups of its thread per request on one core).
            return answer(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /**
     * Sends {@code post} and reports to {@code body} as the answer comes: its head, its lines, its end or failure.
     * No overall or idle timeout: the reader's deadlines bound every wait for the provider, and the time a slow
     * client of the stream takes (while the body is not read) must not count against the provider; the reader
     * always ends the exchange, by reading it to its end or {@link StreamingBody#cancel}.
     */
    public void stream(Post post, StreamingBody body) {
        Request request = request(post, null);
        body.attach(request);
        request.onResponseHeaders(body::head)
                .onResponseContentAsync(body::content)
                .send(body::complete);
    }

    /** @param idle the call's own limit, or null for none (0 is Jetty's "no idle timeout") */
    private Request request(Post post, Duration idle) {
        return client.newRequest(post.uri())
                .method(HttpMethod.POST)
                .idleTimeout(idle == null ? 0 : idle.toMillis() + IDLE_SLACK_MS, TimeUnit.MILLISECONDS)
                .headers(h -> {
                    for (Map.Entry<String, String> header : post.headers()) {
                        if (!header.getKey().equalsIgnoreCase("Content-Type")) h.add(header.getKey(), header.getValue());
                    }
                })
                .body(new StringRequestContent(contentType(post), post.body(), StandardCharsets.UTF_8));
    }

    private static String contentType(Post post) {
        for (Map.Entry<String, String> header : post.headers()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) return header.getValue();
        }
        return "application/json";
    }

    private static Answer answer(ContentResponse response) {
        return new Answer(response.getStatus(), response.getHeaders(), response.getContentAsString());
    }

    /** Jetty's header fields as the JDK's {@link HttpHeaders} (case-insensitive names, values in order). */
    static HttpHeaders headers(HttpFields fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HttpField field : fields) {
            map.computeIfAbsent(field.getName(), k -> new ArrayList<>(1)).add(field.getValue());
        }
        return HttpHeaders.of(map, (name, value) -> true);
    }

    /**
     * A broken exchange in the JDK client's terms, which {@link ProviderErrors#fromIoException} reads: a connect
     * timeout is an {@link HttpConnectTimeoutException}, Jetty's total or idle timeout an {@link HttpTimeoutException},
     * any other failure of the exchange (a reset, a malformed answer) an {@link IOException}.
     */
    public static IOException failure(Throwable cause) {
        if (cause instanceof SocketTimeoutException s && String.valueOf(s.getMessage()).contains("Connect")) {
            HttpConnectTimeoutException e = new HttpConnectTimeoutException(s.getMessage());
            e.initCause(s);
            return e;
        }
        if (cause instanceof TimeoutException t) {
            HttpTimeoutException e = new HttpTimeoutException(String.valueOf(t.getMessage()));
            e.initCause(t);
            return e;
        }
        if (cause instanceof IOException io) return io;
        return new IOException(cause == null ? "the exchange failed" : String.valueOf(cause.getMessage()), cause);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the upstream HTTP client", e);
        }
    }
}
