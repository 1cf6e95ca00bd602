package dev.junction.engine.provider.openai;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for any API that speaks OpenAI's {@code POST /chat/completions} (OpenAI, Groq, Mistral, DeepSeek,
 * Together, vLLM, LM Studio, Ollama). The vendor is data, an {@link OpenAiConnection}; the wire format lives in
 * {@link OpenAiWire}, the translation in {@link OpenAiMapper} and {@link OpenAiErrors}; this class only does HTTP.
 * <p>
 * One call has one deadline, the connection's request timeout, which covers the response body too (the JDK's
 * {@link HttpRequest#timeout} alone stops counting once the headers are in). Thread-safe.
 */
public final class OpenAiCompatibleProvider implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OpenAiConnection connection;
    private final HttpClient http;
    private final OpenAiErrors errors;
    private final URI endpoint;

    public OpenAiCompatibleProvider(OpenAiConnection connection, HttpClient http) {
        this(connection, http, Clock.systemUTC());
    }

    /** @param clock dates an HTTP-date {@code Retry-After} */
    public OpenAiCompatibleProvider(OpenAiConnection connection, HttpClient http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.http = Objects.requireNonNull(http, "http");
        this.errors = new OpenAiErrors(connection, Objects.requireNonNull(clock, "clock"));
        this.endpoint = connection.chatCompletionsUri();
    }

    /**
     * An adapter with its own {@link #defaultHttpClient()}. Prefer building one client in the composition root and
     * sharing it: every {@link HttpClient} holds a selector thread and a connection pool.
     */
    public static OpenAiCompatibleProvider create(OpenAiConnection connection) {
        return new OpenAiCompatibleProvider(connection, defaultHttpClient());
    }

    /** HTTP/1.1 (local servers and proxies rarely speak h2c), 10 s to connect, redirects not followed. */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public String orqProvider() {
        return connection.orqProvider();
    }

    public OpenAiConnection connection() {
        return connection;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        HttpResponse<String> response = send(httpRequest(request));
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return OpenAiMapper.fromJson(response.body(), request.model());
            } catch (OpenAiMapper.NotAChatCompletion e) {
                throw fail(errors.malformed(status, e.getMessage()), null);
            }
        }
        throw fail(errors.fromResponse(status, response.headers(), response.body()), null);
    }

    private HttpRequest httpRequest(ChatRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(connection.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenAiMapper.requestBody(request), StandardCharsets.UTF_8));
        if (connection.hasApiKey()) {
            switch (connection.authStyle()) {
                case BEARER -> builder.header("Authorization", "Bearer " + connection.apiKey());
                case API_KEY_HEADER -> builder.header("api-key", connection.apiKey());
            }
        }
        return builder.build();
    }

    private HttpResponse<String> send(HttpRequest httpRequest) {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return future.get(connection.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // aborts the exchange and frees the connection
            throw fail(errors.timedOut(), null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw fail(errors.interrupted(), null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw fail(errors.fromIoException(io), io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime; // a bug, not a provider failure: the invoke loop logs it
            }
            throw new IllegalStateException("unexpected failure calling " + connection.name(), cause);
        }
    }

    private ProviderException fail(ProviderFailure failure, Throwable cause) {
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug("{} call to {} failed: {}", connection.name(), endpoint, failure.reason(), cause);
        }
        return new ProviderException(failure);
    }
}
