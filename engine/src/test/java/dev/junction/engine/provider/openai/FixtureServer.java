package dev.junction.engine.provider.openai;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 and a free port that answers every request with the reply it was told to give,
 * usually a fixture file in a provider's wire format, and records what it received.
 */
final class FixtureServer implements AutoCloseable {
    private static final String FIXTURES = "/fixtures/openai/";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "fixture-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Reply reply = new Reply(500, "no reply configured", Map.of(), false);
    private volatile CountDownLatch stall = new CountDownLatch(1);

    /** What the server got. {@link Headers} looks names up case-insensitively. */
    record Received(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Reply(int status, String body, Map<String, String> headers, boolean stallAfterHeaders) {
    }

    private FixtureServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FixtureServer start() {
        try {
            return new FixtureServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL an OpenAI-compatible connection would be given, e.g. {@code http://127.0.0.1:41234/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Answers with a fixture file; {@code headers} are name, value pairs. */
    void replyWithFixture(int status, String fixture, String... headers) {
        replyWith(status, fixture(fixture), headers);
    }

    void replyWith(int status, String body, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        reply = new Reply(status, body, map, false);
    }

    /** Sends 200 headers announcing a body, then never sends it (until {@link #reset()}). */
    void stallAfterHeaders() {
        reply = new Reply(200, "", Map.of(), true);
    }

    /** Releases stalled handlers and forgets what was received. */
    void reset() {
        stall.countDown();
        stall = new CountDownLatch(1);
        received.clear();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received onlyRequest() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + received.size());
        }
        return received.getFirst();
    }

    static String fixture(String name) {
        try (InputStream in = FixtureServer.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + FIXTURES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(), body));
            Reply current = reply;
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            current.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            if (current.stallAfterHeaders()) {
                CountDownLatch latch = stall;
                exchange.sendResponseHeaders(200, 1000);
                exchange.getResponseBody().write("{\"id\":".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                awaitQuietly(latch);
                return;
            }
            byte[] bytes = current.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(current.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stall.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
