package dev.junction.web;

import dev.junction.store.PrivateFile;
import dev.junction.store.TestDatabase;
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
 * A real gateway for a test class: its own data directory, a free port, and a database of its own, the demo seeded
 * as on a first start.
 * {@code @RegisterExtension static final LiveGateway live = new LiveGateway("admin-token");}
 * <p>
 * By default the database is a fresh copy of the migrated template on the test JVM's one shared PostgreSQL
 * ({@link TestDatabase}), given to the gateway as its external database: no server to initialise per class, and no
 * rows, keys, tokens, logs or notifications shared with any other gateway (LISTEN/NOTIFY is per database). The demo
 * deployment and demo key are then seeded as {@link Main#start} seeds a new embedded installation. Tests whose subject
 * is the embedded PostgreSQL itself (stopping it, its data directory) use {@link #embedded}.
 */
final class LiveGateway implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final String adminToken;
    private final UnaryOperator<Settings> customize;
    private final boolean embedded;
    private Clock clock = Clock.systemUTC();
    private Path dataDir;
    private Gateway gateway;
    private TestClient client;
    private String demoKey;

    LiveGateway(String adminToken) {
        this(adminToken, s -> s);
    }

    /** With settings of its own: {@code new LiveGateway("admin", s -> s.withHttp(...))}. */
    LiveGateway(String adminToken, UnaryOperator<Settings> customize) {
        this(adminToken, customize, false);
    }

    private LiveGateway(String adminToken, UnaryOperator<Settings> customize, boolean embedded) {
        this.adminToken = adminToken;
        this.customize = customize;
        this.embedded = embedded;
    }

    /** A gateway on its own embedded PostgreSQL in its data directory, for tests about that server. */
    static LiveGateway embedded(String adminToken) {
        return new LiveGateway(adminToken, s -> s, true);
    }

    /** The same gateway on {@code clock} instead of the system's (set before it starts). */
    LiveGateway on(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Starts the gateway (done before the class's tests when registered as an extension). */
    LiveGateway open() throws IOException {
        dataDir = Files.createTempDirectory("junction-test");
        String databaseUrl = embedded ? null : TestDatabase.fresh().jdbcUrl();
        gateway = Main.start(customize.apply(new Settings(0, "127.0.0.1", dataDir, databaseUrl, adminToken, null, null)), clock);
        client = new TestClient(gateway.port());
        if (!embedded) seedDemo();
        demoKey = Files.readString(dataDir.resolve("demo-api-key")).trim();
        return this;
    }

    /** What {@link Main#start} seeds on a new embedded installation: the demo deployment, live, and a demo API key. */
    private void seedDemo() throws IOException {
        gateway.deployments().create(DemoDeployment.spec(), "junction");
        gateway.deployments().deploy(DemoDeployment.KEY, null, "junction", "demo deployment seeded on first start");
        TestClient.Response key = client.post("/api/keys", adminToken, "{\"name\":\"demo\"}");
        if (key.status() != 201) {
            throw new IllegalStateException("could not create the demo key: " + key.status() + " " + key.body());
        }
        PrivateFile.write(dataDir.resolve("demo-api-key"), key.json().get("key").asText());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (gateway != null) gateway.close();
        gateway = null;
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
