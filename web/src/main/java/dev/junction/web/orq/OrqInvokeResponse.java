package dev.junction.web.orq;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.provider.Usage;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of a successful invoke, as the official SDK validates it (reference sections 4 and 8): every
 * required field present, optional fields omitted rather than null, enums from the SDK's closed lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrqInvokeResponse(
        String id,
        String created,
        String object,
        String model,
        String provider,
        @JsonProperty("is_final") boolean isFinal,
        Telemetry telemetry,
        String finalized,
        List<Choice> choices,
        OrqUsage usage) {

    public record Telemetry(@JsonProperty("trace_id") String traceId, @JsonProperty("span_id") String spanId) {}

    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {}

    /** {@code type: "content"}; {@code content} is required by the SDK (null allowed, so never omitted). */
    public record Message(String type, String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content) {}

    public record OrqUsage(@JsonProperty("prompt_tokens") int promptTokens,
                           @JsonProperty("completion_tokens") int completionTokens,
                           @JsonProperty("total_tokens") int totalTokens) {}

    /** {@code withUsage}: false when the request's {@code invoke_options.include_usage} was false. */
    public static OrqInvokeResponse from(InvokeResult result, String finalizedAt, boolean withUsage) {
        return last(result, finalizedAt, result.response().content(), withUsage);
    }

    /** A stream's chunk carrying one piece of the answer ({@code is_final: false}, no usage yet). */
    public static OrqInvokeResponse delta(InvokeStreamListener.Start start, String text) {
        return new OrqInvokeResponse(start.id().toString(), start.created().toString(), "chat", start.model().model(),
                start.orqProvider(), false, telemetry(start.id()), null,
                List.of(new Choice(0, new Message("content", "assistant", text), null)), null);
    }

    /** The last chunk of a stream: no more text, the finish reason, the usage. */
    public static OrqInvokeResponse finalChunk(InvokeResult result, String finalizedAt, boolean withUsage) {
        return last(result, finalizedAt, "", withUsage);
    }

    private static OrqInvokeResponse last(InvokeResult result, String finalizedAt, String content, boolean withUsage) {
        Usage usage = result.response().usage();
        return new OrqInvokeResponse(
                result.id().toString(),
                result.created().toString(),
                "chat",
                result.model().model(),
                result.orqProvider(),
                true,
                telemetry(result.id()),
                finalizedAt,
                List.of(new Choice(0, new Message("content", "assistant", content), result.response().finishReason())),
                withUsage ? new OrqUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()) : null);
    }

    private static Telemetry telemetry(java.util.UUID id) {
        String hex = HexFormat.of().formatHex(toBytes(id));
        return new Telemetry(hex, hex.substring(16));
    }

    private static byte[] toBytes(java.util.UUID id) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return b.array();
    }
}
