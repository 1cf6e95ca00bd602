package dev.junction.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway for a test class: its own data directory and embedded PostgreSQL, the demo seeded, a free port.
 * {@code @RegisterExtension static final LiveGateway live = new LiveGateway("admin-token");}
 */
final class LiveGateway implements BeforeAllCallback, AfterAllCallback {
    private final String adminToken;
    private final UnaryOperator<Settings> customize;
    private Path dataDir;
    private Gateway gateway;
    private TestClient client;
    private String demoKey;

    LiveGateway(String adminToken) {
        this(adminToken, s -> s);
    }

    /** With settings of its own: {@code new LiveGateway("admin", s -> s.withHttp(...))}. */
    LiveGateway(String adminToken, UnaryOperator<Settings> customize) {
        this.adminToken = adminToken;
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("junction-test");
        gateway = Main.start(customize.apply(new Settings(0, "127.0.0.1", dataDir, null, adminToken, null, null)), Clock.systemUTC());
        client = new TestClient(gateway.port());
        demoKey = Files.readString(dataDir.resolve("demo-api-key")).trim();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) gateway.close();
        deleteTree(dataDir);
    }

    Gateway gateway() { return gateway; }
    TestClient client() { return client; }
    String demoKey() { return demoKey; }
    Path dataDir() { return dataDir; }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
