package dev.junction.engine.provider;

/** The client of a stream went away; thrown by a {@link StreamSink} so the adapter abandons the upstream call. */
public final class StreamCancelledException extends RuntimeException {
    public StreamCancelledException(String message) {
        super(message, null, false, false);
    }
}
