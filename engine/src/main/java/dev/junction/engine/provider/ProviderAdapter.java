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
        for (StreamPiece piece : pieces(response)) sink.accept(piece);
        return response;
    }

    /** A whole answer as stream pieces: its reasoning, its text, then each tool call in one piece. */
    static java.util.List<StreamPiece> pieces(ChatResponse response) {
        java.util.List<StreamPiece> out = new java.util.ArrayList<>();
        for (var r : response.reasoning()) {
            if (r.text() != null || r.signature() != null) out.add(new StreamPiece.ReasoningDelta(r.text(), r.signature()));
        }
        if (!response.content().isEmpty()) out.add(new StreamPiece.Text(response.content()));
        for (int i = 0; i < response.toolCalls().size(); i++) {
            var call = response.toolCalls().get(i);
            out.add(new StreamPiece.ToolCallDelta(i, call.id(), call.name(), call.arguments()));
        }
        return out;
    }
}
