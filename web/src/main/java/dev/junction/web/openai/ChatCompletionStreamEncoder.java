package dev.junction.web.openai;

import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.invoke.StreamTruncatedException;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.web.http.StreamEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream of OpenAI {@code chat.completion.chunk}s ({@code POST /v1/chat/completions} with {@code stream: true}): a
 * chunk with the role, one chunk per piece, a chunk with the finish reason, with {@code stream_options.include_usage}
 * a chunk with the usage. A stream that breaks off ends with a plain {@code data: {"error": {...}}}, as OpenAI sends
 * stream errors: both SDKs throw on an {@code error} member in a chunk.
 */
public final class ChatCompletionStreamEncoder implements StreamEncoder {
    private final boolean includeUsage;
    private ChatCompletions.StreamHead head;

    public ChatCompletionStreamEncoder(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    @Override
    public List<Object> opening(InvokeStreamListener.Start start) {
        head = ChatCompletions.StreamHead.of(start);
        return List.of(head.role());
    }

    @Override
    public Object piece(StreamPiece piece) {
        return switch (piece) {
            case StreamPiece.Text t -> head.content(t.text());
            case StreamPiece.ToolCallDelta d -> head.toolCall(d);
            case StreamPiece.ReasoningDelta r -> r.text() == null || r.text().isEmpty() ? null : head.reasoning(r.text());
        };
    }

    @Override
    public List<Object> closing(InvokeResult result) {
        List<Object> chunks = new ArrayList<>(2);
        chunks.add(head.finish(result.response().finishReason()));
        if (includeUsage) chunks.add(head.usage(result.response().usage()));
        return chunks;
    }

    @Override
    public Event truncated(StreamTruncatedException e) {
        return Event.data(OpenAiErrorBody.truncated(e.getMessage(), e.requestId().toString(), e.failure().reason()));
    }
}
