package dev.junction.web.orq;

import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.invoke.StreamTruncatedException;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.web.http.StreamEncoder;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A stream in the Orquesta format ({@code POST /v2/deployments/stream}): nothing before the first piece, one
 * {@link OrqInvokeResponse} chunk per piece of text, tool call or reasoning ({@code is_final: false}), a final chunk with the finish reason (and the
 * usage when {@code invoke_options.include_usage} is not false). A stream that breaks off ends with
 * {@code event: error} and {@code data: {"error": {"code": "stream_truncated", ...}}}: the official SDK throws on it.
 */
public final class OrqStreamEncoder implements StreamEncoder {
    private final Clock clock;
    private final boolean withUsage;
    private InvokeStreamListener.Start start;

    public OrqStreamEncoder(Clock clock, boolean withUsage) {
        this.clock = clock;
        this.withUsage = withUsage;
    }

    @Override
    public List<Object> opening(InvokeStreamListener.Start start) {
        this.start = start;
        return List.of();
    }

    @Override
    public Object piece(StreamPiece piece) {
        return switch (piece) {
            case StreamPiece.Text t -> OrqInvokeResponse.delta(start, t.text());
            case StreamPiece.ToolCallDelta d -> OrqInvokeResponse.toolCallDelta(start, d);
            case StreamPiece.ReasoningDelta r -> OrqInvokeResponse.reasoningDelta(start, r);
        };
    }

    @Override
    public List<Object> closing(InvokeResult result) {
        return List.of(OrqInvokeResponse.finalChunk(result, clock.instant().toString(), withUsage));
    }

    @Override
    public Event truncated(StreamTruncatedException e) {
        return new Event("error", Map.of("error", Map.of("code", "stream_truncated", "message", e.getMessage(),
                "request_id", e.requestId().toString(), "reason", e.failure().reason())));
    }
}
