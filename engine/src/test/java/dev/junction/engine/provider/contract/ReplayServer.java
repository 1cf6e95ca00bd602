package dev.junction.engine.provider.contract;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 and a free port that answers every request with the reply it was told to give:
 * a fixture file in a provider's wire format (JSON, or server-sent events sent one event at a time), or a fault
 * (a stall, a stream cut short). It records what it received, and whether the client hung up on a stream.
 */
public final class ReplayServer implements AutoCloseable {
    private final String fixtureRoot;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "replay-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply reply = Reply.json(500, "{\"error\":\"no reply configured\"}", Map.of());
    private volatile CountDownLatch release = new CountDownLatch(1);
    private volatile CountDownLatch clientGone = new CountDownLatch(1);

    /** What the server got. {@link Headers} looks names up case-insensitively. */
    public record Received(String method, String path, String query, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /**
     * @param events      for a stream, the SSE events (each written and flushed on its own); null for a plain body
     * @param stallAfter  send this many events (or, for a plain body, only the headers when 0), then wait
     * @param cutAfter    send this many events, then end the response short of its announced length
     */
    private record Reply(int status, String body, List<String> events, Map<String, String> headers, int stallAfter,
                         int cutAfter, long pauseMillis) {
        static Reply json(int status, String body, Map<String, String> headers) {
            return new Reply(status, body, null, headers, -1, -1, 0);
        }
    }

    private ReplayServer(String fixtureRoot) throws IOException {
        this.fixtureRoot = fixtureRoot;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param fixtureDir the folder under {@code /fixtures/} on the test classpath, e.g. {@code anthropic} */
    public static ReplayServer start(String fixtureDir) {
        try {
            return new ReplayServer("/fixtures/" + fixtureDir + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: adapters append their own paths ({@code /v1/messages}...). */
    public String rootUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers with a fixture file as JSON; {@code headers} are name, value pairs. */
    public void replyWithFixture(int status, String fixture, String... headers) {
        reply = Reply.json(status, fixture(fixture), pairs(headers));
    }

    public void replyWith(int status, String body, String... headers) {
        reply = Reply.json(status, body, pairs(headers));
    }

    /** Answers 200 with the fixture's server-sent events, one write and flush per event, {@code pauseMillis} apart. */
    public void streamFixture(String fixture, long pauseMillis) {
        reply = new Reply(200, null, events(fixture(fixture)), Map.of("Content-Type", "text/event-stream"), -1, -1, pauseMillis);
    }

    /** Streams the first {@code events} events of the fixture, then sends nothing more until {@link #reset()}. */
    public void streamFixtureThenStall(String fixture, int events) {
        reply = new Reply(200, null, events(fixture(fixture)), Map.of("Content-Type", "text/event-stream"), events, -1, 0);
    }

    /** Streams the first {@code events} events, then closes the connection short of the length it announced. */
    public void streamFixtureThenCut(String fixture, int events) {
        reply = new Reply(200, null, events(fixture(fixture)), Map.of("Content-Type", "text/event-stream"), -1, events, 0);
    }

    /** Streams the first {@code events} events, then ends the response properly, without the stream's last events. */
    public void streamFixtureThenEnd(String fixture, int events) {
        reply = new Reply(200, null, events(fixture(fixture)).subList(0, events), Map.of("Content-Type", "text/event-stream"), -1, -1, 0);
    }

    /** Sends 200 headers announcing a body, then never sends it (until {@link #reset()}). */
    public void stallAfterHeaders() {
        reply = new Reply(200, "{}", null, Map.of(), 0, -1, 0);
    }

    /** Releases stalled handlers and forgets what was received. */
    public void reset() {
        release.countDown();
        release = new CountDownLatch(1);
        clientGone = new CountDownLatch(1);
        received.clear();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received onlyRequest() {
        if (received.size() != 1) throw new AssertionError("expected exactly one request, got " + received.size());
        return received.getFirst();
    }

    /** Waits until a streaming response could not be written because the client had closed the connection. */
    public boolean awaitClientGone(long millis) throws InterruptedException {
        return clientGone.await(millis, TimeUnit.MILLISECONDS);
    }

    public String fixture(String name) {
        try (InputStream in = ReplayServer.class.getResourceAsStream(fixtureRoot + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + fixtureRoot + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The events of an SSE file: blocks separated by blank lines, each sent with its trailing blank line. */
    static List<String> events(String sse) {
        List<String> out = new ArrayList<>();
        for (String block : sse.replace("\r\n", "\n").split("\n\n")) {
            if (!block.isBlank()) out.add(block.strip() + "\n\n");
        }
        return out;
    }

    private static Map<String, String> pairs(String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) map.put(headers[i], headers[i + 1]);
        return map;
    }

    private void handle(HttpExchange exchange) throws IOException {
        CountDownLatch stall = release;
        CountDownLatch gone = clientGone;
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body));
            Reply current = reply;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            current.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (current.events() == null) {
                byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
                if (current.stallAfter() == 0) {
                    stall.await(30, TimeUnit.SECONDS);
                    return;
                }
                if (bytes.length > 0) exchange.getResponseBody().write(bytes);
                return;
            }
            List<byte[]> events = current.events().stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList();
            long total = events.stream().mapToLong(e -> e.length).sum();
            // a cut stream announces its full length and sends less; the others are chunked
            exchange.sendResponseHeaders(current.status(), current.cutAfter() >= 0 ? total : 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < events.size(); i++) {
                    if (i == current.stallAfter()) {
                        stall.await(30, TimeUnit.SECONDS);
                        return;
                    }
                    if (i == current.cutAfter()) {
                        return; // closing now leaves the body short of its announced length
                    }
                    out.write(events.get(i));
                    out.flush();
                    if (current.pauseMillis() > 0) Thread.sleep(current.pauseMillis());
                }
            } catch (IOException clientClosed) {
                gone.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            gone.countDown();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
