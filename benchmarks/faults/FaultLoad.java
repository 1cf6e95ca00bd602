import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The fault suite's load driver: POSTs one body to one URL at a steady rate (open loop: a request is sent at its
 * planned time whether or not earlier ones were answered) and writes one line per request, tab-separated:
 * {@code seq  sent_ms  status  latency_ms  request_id  error}. status 0 means no HTTP answer (refused, reset, timed out);
 * request_id is the X-Junction-Request-Id header (the request log row's id), {@code -} when absent.
 *
 * <pre>java FaultLoad.java --url URL --body FILE --out FILE [--header 'Name: value']... [--rate 200] [--duration 40]
 *     [--timeout 30] [--max-in-flight 256]</pre>
 *
 * Bounded: no request is sent after --duration seconds, and the driver waits at most --timeout seconds more for the
 * answers. At most --max-in-flight requests wait for an answer at once (a connection each, as HTTP/1.1 goes); a
 * request due while that many wait is not sent and is written with status -1, so a stalled gateway shows as requests
 * not sent instead of thousands of connections piling onto it. Only loopback addresses are accepted.
 * Dependency-free: Java 21+ runs this file directly.
 */
public final class FaultLoad {

    record Result(long sentMs, int status, double latencyMs, String requestId, String error) {}

    public static void main(String[] args) throws Exception {
        String url = null, bodyFile = null, out = null;
        List<String[]> headers = new ArrayList<>();
        double rate = 200, duration = 40, timeout = 30;
        int maxInFlight = 256;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) usage("missing value for " + a);
            switch (a) {
                case "--url" -> url = v;
                case "--body" -> bodyFile = v;
                case "--out" -> out = v;
                case "--rate" -> rate = Double.parseDouble(v);
                case "--duration" -> duration = Double.parseDouble(v);
                case "--timeout" -> timeout = Double.parseDouble(v);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(v);
                case "--header" -> {
                    int colon = v.indexOf(':');
                    if (colon < 1) usage("a header is 'Name: value': " + v);
                    headers.add(new String[] {v.substring(0, colon).trim(), v.substring(colon + 1).trim()});
                }
                default -> usage("unknown option " + a);
            }
            i++;
        }
        if (url == null || bodyFile == null || out == null) usage("--url, --body and --out are required");
        if (rate <= 0 || duration <= 0 || timeout <= 0 || maxInFlight <= 0) usage("rate, duration, timeout and max-in-flight must be positive");
        URI uri = URI.create(url);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) usage("only loopback targets: " + uri.getHost());

        byte[] body = Files.readAllBytes(Path.of(bodyFile));
        int planned = (int) Math.ceil(rate * duration);
        AtomicReferenceArray<Result> results = new AtomicReferenceArray<>(planned);
        Semaphore inFlight = new Semaphore(maxInFlight);
        Duration requestTimeout = Duration.ofMillis((long) (timeout * 1000));

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             HttpClient client = HttpClient.newBuilder()
                     .version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(requestTimeout)
                     .executor(threads)
                     .build()) {
            HttpRequest.Builder template = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .header("Content-Type", "application/json");
            for (String[] h : headers) template.header(h[0], h[1]);

            long start = System.nanoTime();
            long periodNanos = (long) (1_000_000_000L / rate);
            int sent = 0;
            for (int seq = 0; seq < planned; seq++) {
                long due = start + seq * periodNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                long sentMs = (System.nanoTime() - start) / 1_000_000;
                if (!inFlight.tryAcquire()) {
                    results.set(seq, new Result(sentMs, -1, 0, "-", "not sent: " + maxInFlight + " requests in flight"));
                    continue;
                }
                sent++;
                int s = seq;
                HttpRequest request = template.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                threads.execute(() -> {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                        results.set(s, new Result(sentMs, r.statusCode(), millisSince(t0),
                                r.headers().firstValue("X-Junction-Request-Id").orElse("-"), "-"));
                    } catch (Exception e) {
                        results.set(s, new Result(sentMs, 0, millisSince(t0), "-", describe(e)));
                    } finally {
                        inFlight.release();
                    }
                });
            }
            // Bounded wait for the answers still in flight; each request also has its own timeout.
            long deadline = System.nanoTime() + (long) ((timeout + 5) * 1e9);
            while (inFlight.availablePermits() < maxInFlight && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            write(Path.of(out), results);
            summarize(results, sent);
            threads.shutdownNow();
            threads.awaitTermination(1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static double millisSince(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String describe(Exception e) {
        if (e instanceof ConnectException) return "connection refused";
        if (e instanceof HttpConnectTimeoutException) return "connect timeout";
        if (e instanceof HttpTimeoutException) return "timeout";
        if (e instanceof IOException && e.getMessage() != null) return e.getMessage().replaceAll("\\s+", " ");
        return e.getClass().getSimpleName();
    }

    private static void write(Path out, AtomicReferenceArray<Result> results) throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int i = 0; i < results.length(); i++) {
                Result r = results.get(i);
                if (r == null) r = new Result(-1, 0, 0, "-", "no answer within the driver's bound");
                w.printf("%d\t%d\t%d\t%.1f\t%s\t%s%n", i, r.sentMs(), r.status(), r.latencyMs(), r.requestId(), r.error());
            }
        }
    }

    private static void summarize(AtomicReferenceArray<Result> results, int sent) {
        int ok = 0, other = 0, none = 0, notSent = 0;
        for (int i = 0; i < results.length(); i++) {
            Result r = results.get(i);
            if (r != null && r.status() == -1) notSent++;
            else if (r == null || r.status() == 0) none++;
            else if (r.status() >= 200 && r.status() < 300) ok++;
            else if (r.status() > 0) other++;
        }
        System.out.printf("sent=%d answered_2xx=%d non_2xx=%d no_answer=%d not_sent=%d%n", sent, ok, other, none, notSent);
    }

    private static void usage(String problem) {
        System.err.println("FaultLoad: " + problem);
        System.err.println("usage: java FaultLoad.java --url URL --body FILE --out FILE [--header 'Name: value']..."
                + " [--rate 200] [--duration 40] [--timeout 30] [--max-in-flight 256]");
        System.exit(2);
    }
}
