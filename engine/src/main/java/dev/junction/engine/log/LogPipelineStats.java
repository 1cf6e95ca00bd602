package dev.junction.engine.log;

/**
 * What the request-log pipeline reports for metrics: entries waiting in the queue, written, spilled to disk while
 * the database was away, still waiting in the spill file (entries and bytes), and dropped.
 */
public interface LogPipelineStats {
    int queued();

    long written();

    long spilled();

    long spillPending();

    long spillBytes();

    long dropped();
}
