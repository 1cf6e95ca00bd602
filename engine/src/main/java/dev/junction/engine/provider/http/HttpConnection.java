package dev.junction.engine.provider.http;

import java.time.Duration;

/**
 * What the shared call path needs of a provider's connection record (the "connection" role of every provider
 * folder, port): its name, its key, its default time limit and its name in the Orquesta wire format. The record
 * itself validates its fields ({@link ConnectionFields}) and builds its URLs.
 */
public interface HttpConnection {
    /** The connection's name, as variants refer to it and failures quote it. */
    String name();

    /** The API key, or null when calls carry none. Never printed: the record's {@code toString} masks it. */
    String apiKey();

    /** The deadline of one call (and the stream limits) when the request sets none. */
    Duration requestTimeout();

    /** The provider as the Orquesta wire format names it ({@code ProviderAdapter#orqProvider}). */
    String orqProvider();

    /** Whether calls carry the key. */
    default boolean hasApiKey() {
        return apiKey() != null && !apiKey().isBlank();
    }
}
