package dev.junction.engine.log;

/**
 * A {@link LogSink} that counts every entry into {@link RequestMetrics} and passes it on: the request metrics come
 * from the request log, so the invoke path knows nothing of them.
 */
public final class MeteredLogSink implements LogSink {
    private final LogSink delegate;
    private final RequestMetrics metrics;

    public MeteredLogSink(LogSink delegate, RequestMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void record(RequestLog entry) {
        try {
            metrics.record(entry);
        } finally {
            delegate.record(entry);
        }
    }
}
