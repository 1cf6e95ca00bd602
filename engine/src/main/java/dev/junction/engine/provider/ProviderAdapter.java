package dev.junction.engine.provider;

/**
 * One provider connection (port). Adapters are thin: wire DTOs, a pure mapper and an injected HTTP client.
 * Implementations are thread-safe. Every adapter passes the shared contract suite ({@code ProviderContractTest}).
 */
public interface ProviderAdapter {

    /** The connection's name, as variants refer to it: {@code simulator}, {@code openai}. */
    String name();

    /**
     * The provider as the Orquesta wire format names it. The official SDK accepts only its closed list
     * (openai, anthropic, google-ai, groq, ..., orq), so every adapter maps itself onto one of those.
     */
    String orqProvider();

    /**
     * Makes one call. Does not retry.
     *
     * @throws ProviderException with the typed failure when the call fails
     */
    ChatResponse chat(ChatRequest request);

    /**
     * Makes one streaming call: each piece of text goes to {@code sink} as it arrives; the answer (whole text,
     * finish reason, usage when the provider reports it) is returned at the end. Does not retry. A failure after
     * some text was delivered is thrown like any other; the caller knows what it already passed on.
     * The default streams nothing until the whole answer is in, for adapters whose provider cannot stream.
     *
     * @throws ProviderException          with the typed failure when the call fails, before or during the stream
     * @throws StreamCancelledException   when the sink says the client has gone (the upstream call is abandoned)
     */
    default ChatResponse stream(ChatRequest request, StreamSink sink) {
        ChatResponse response = chat(request);
        if (response.content() != null && !response.content().isEmpty()) sink.delta(response.content());
        return response;
    }
}
