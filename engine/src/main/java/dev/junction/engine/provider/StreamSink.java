package dev.junction.engine.provider;

/**
 * Where a streaming adapter puts the answer's text as it arrives, in order. {@link #delta} throws
 * {@link StreamCancelledException} when the client has gone: the adapter must then stop reading and close the
 * upstream connection (so the provider stops generating), and let the exception through.
 */
@FunctionalInterface
public interface StreamSink {
    void delta(String text);
}
