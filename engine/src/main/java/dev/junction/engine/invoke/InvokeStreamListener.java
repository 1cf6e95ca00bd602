package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.spend.RateLimitState;
import java.time.Instant;
import java.util.UUID;

/**
 * Receives a streamed answer. {@link #start} comes once, just before the first piece (of text, a tool call or reasoning), with the model that
 * is answering (after any retries and fallback); nothing is sent to the client before it, so a request that fails
 * before its first token can still get an HTTP error status. Either method may throw
 * {@link dev.junction.engine.provider.StreamCancelledException} when the client has gone.
 */
public interface InvokeStreamListener {

    /**
     * {@code callStartNanos}: {@link System#nanoTime()} when the first provider call began (for an answer from the
     * response cache: when its replay began); {@code cache}: the response cache's word for this request
     * ({@link InvokeResult#cache()}), null when the variant does not cache; {@code rateLimits}: the
     * {@code x-ratelimit-*} state after this request was admitted (sent with the stream's headers), null when no rate
     * limit applied.
     */
    record Start(UUID id, Instant created, DeploymentVersion version, RoutingDecision decision, ModelConfig model,
                 String orqProvider, long callStartNanos, String cache, RateLimitState rateLimits) {
        public Start(UUID id, Instant created, DeploymentVersion version, RoutingDecision decision, ModelConfig model,
                     String orqProvider, long callStartNanos) {
            this(id, created, version, decision, model, orqProvider, callStartNanos, null, null);
        }
    }

    void start(Start start);

    /** One piece of the answer: text, a piece of a tool call, or reasoning. */
    void piece(StreamPiece piece);
}
