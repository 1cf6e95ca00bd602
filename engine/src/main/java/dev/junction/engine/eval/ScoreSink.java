package dev.junction.engine.eval;

/** Where evaluators' scores go (the store writes them in batches). Must not block. */
@FunctionalInterface
public interface ScoreSink {
    ScoreSink NONE = score -> { };

    void record(Score score);
}
