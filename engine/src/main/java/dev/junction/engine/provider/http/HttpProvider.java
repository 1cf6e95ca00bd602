package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.StreamSink;
import java.net.URI;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * The skeleton of an adapter that calls its provider over HTTP: a plain call and a stream both go through the shared
 * {@link HttpCalls} (one deadline for a call; the first-token and idle limits for a stream). A provider is its
 * folder's roles put together: its connection record ({@code C}, an {@link HttpConnection}: name, key, default
 * limit, Orquesta name), its errors ({@code E}), and three methods it fills in: the request ({@link #post}, from
 * its connection and mapper), the answer ({@link #answer}, its mapper's {@code fromJson}) and one stream's events
 * ({@link #streamMapper}, its stream mapper). Time limits are the request's ({@link ChatRequest#timeoutOr},
 * {@link ChatRequest#firstTokenTimeoutOr}), else the connection's request timeout. Thread-safe when the subclass is.
 *
 * @param <C> the provider's connection record
 * @param <E> the provider's error mapping
 */
public abstract class HttpProvider<C extends HttpConnection, E extends ProviderErrors> implements ProviderAdapter {
    protected final C connection;
    protected final E errors;
    /** The shared call and stream paths, bound to this provider's errors and logger. */
    protected final HttpCalls calls;

    /**
     * @param log      the adapter's logger
     * @param endpoint logged with a failure; null when the adapter calls more than one URL
     */
    protected HttpProvider(C connection, UpstreamHttp http, Logger log, URI endpoint, E errors) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.calls = new HttpCalls(http, log, connection.name(), endpoint, errors);
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public String orqProvider() {
        return connection.orqProvider();
    }

    public C connection() {
        return connection;
    }

    /** The request for a plain call ({@code stream} false) or a stream. May throw a {@code ProviderException}. */
    protected abstract UpstreamHttp.Post post(ChatRequest request, boolean stream);

    /**
     * A 2xx body as the answer.
     *
     * @throws MalformedAnswer when it is not one (a {@code MalformedResponse} for the caller)
     */
    protected abstract ChatResponse answer(int status, String body, ChatRequest request) throws MalformedAnswer;

    /** A fresh reader of one stream's events. */
    protected abstract StreamMapper streamMapper(ChatRequest request);

    @Override
    public ChatResponse chat(ChatRequest request) {
        return calls.chat(post(request, false), request.timeoutOr(connection.requestTimeout()),
                (status, body) -> answer(status, body, request));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamSink sink) {
        StreamLimits limits = limits(request); // the first-token limit counts from before the request is built
        return calls.stream(post(request, true), sink, limits, streamMapper(request));
    }

    /** The stream limits of {@code request}, counted from now. */
    protected StreamLimits limits(ChatRequest request) {
        return StreamLimits.of(request, connection.requestTimeout());
    }
}
