package dev.junction.engine.provider;

import dev.junction.engine.provider.anthropic.AnthropicConnection;
import dev.junction.engine.provider.anthropic.AnthropicProvider;
import dev.junction.engine.provider.gemini.GeminiConnection;
import dev.junction.engine.provider.gemini.GeminiProvider;
import dev.junction.engine.provider.openai.OpenAiCompatibleProvider;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.time.Clock;

/** Builds the adapter of a stored connection by its wire format: the one place that knows every adapter. */
public final class ProviderAdapters {
    private ProviderAdapters() {}

    /** @throws IllegalArgumentException "field: problem" when the connection cannot be used */
    public static ProviderAdapter create(ProviderConnection connection, UpstreamHttp http, Clock clock) {
        return switch (connection.kind().wire()) {
            case OPENAI -> new OpenAiCompatibleProvider(ProviderConnections.toOpenAi(connection), http, clock);
            case ANTHROPIC -> new AnthropicProvider(
                    new AnthropicConnection(connection.name(), connection.baseUrl(), connection.apiKey(), null), http, clock);
            case GEMINI -> new GeminiProvider(new GeminiConnection(connection.name(), connection.baseUrl(), connection.apiKey(), null), http, clock);
        };
    }
}
