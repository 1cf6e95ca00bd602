package dev.junction.engine.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the adapters' tests against a {@link ReplayServer} share: one server per test class replaying
 * {@code /fixtures/<fixtures()>/}, reset after each test, and an {@link UpstreamHttp} to call it with.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReplayServerTest {
    protected ReplayServer server;
    protected UpstreamHttp http;

    /** The fixture folder under {@code /fixtures/}, e.g. {@code anthropic}. */
    protected abstract String fixtures();

    /** The client the adapter under test gets: HTTP/1.1, 5 s to connect. */
    protected UpstreamHttp newHttpClient() {
        return UpstreamHttp.start(Duration.ofSeconds(5));
    }

    @BeforeAll
    void startServer() {
        server = ReplayServer.start(fixtures());
        http = newHttpClient();
    }

    @AfterEach
    void resetServer() {
        server.reset();
    }

    @AfterAll
    void stopServer() {
        http.close();
        server.close();
    }

    /** The {@link ProviderException} {@code call} throws; the test fails when it throws none. */
    protected static ProviderException thrownBy(Runnable call) {
        ProviderException e = catchThrowableOfType(ProviderException.class, call::run);
        assertThat(e).as("the call should have failed").isNotNull();
        return e;
    }
}
