package dev.junction.engine.log;

/**
 * Takes request logs (port). {@link #record} must not block the request thread: implementations queue the
 * entry and write it elsewhere.
 */
public interface LogSink {
    void record(RequestLog entry);
}
