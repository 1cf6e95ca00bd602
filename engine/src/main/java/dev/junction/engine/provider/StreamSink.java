package dev.junction.engine.provider;

/**
 * Where a streaming adapter puts the answer as it arrives, piece by piece, in order. {@link #accept} throws
 * {@link StreamCancelledException} when the client has gone: the adapter must then stop reading and close the
 * upstream connection (so the provider stops generating), and let the exception through.
 */
@FunctionalInterface
public interface StreamSink {
    void accept(StreamPiece piece);

    /**
     * A sink that takes only the text pieces, for callers that read text alone (tests); any other piece is handed to
     * {@code others}.
     */
    static StreamSink texts(java.util.function.Consumer<String> text, java.util.function.Consumer<StreamPiece> others) {
        return piece -> {
            if (piece instanceof StreamPiece.Text t) text.accept(t.text());
            else others.accept(piece);
        };
    }

    /** As {@link #texts(java.util.function.Consumer, java.util.function.Consumer)}, failing on any piece that is not text. */
    static StreamSink texts(java.util.function.Consumer<String> text) {
        return texts(text, piece -> {
            throw new IllegalStateException("a text-only sink got " + piece);
        });
    }

    /** A piece of text. */
    default void delta(String text) {
        accept(new StreamPiece.Text(text));
    }
}
