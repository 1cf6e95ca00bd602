package dev.junction.engine.provider;

/**
 * One piece of a streamed answer, provider-neutral: text, a piece of a tool call, or a piece of reasoning. Any piece
 * counts as the stream's first token (the first-token limit stops, and from then on nothing is retried or sent to
 * the fallback, since the client may have seen it).
 */
public sealed interface StreamPiece {

    record Text(String text) implements StreamPiece {}

    /**
     * A piece of the tool call at {@code index} (0-based, in the answer's order). The first piece of a call carries
     * its {@code id} and {@code name}; later ones null. {@code arguments} is the next fragment of its JSON arguments
     * (may be empty).
     */
    record ToolCallDelta(int index, String id, String name, String arguments) implements StreamPiece {}

    /** A piece of reasoning text, or (at a block's end) its {@code signature} alone. */
    record ReasoningDelta(String text, String signature) implements StreamPiece {}
}
