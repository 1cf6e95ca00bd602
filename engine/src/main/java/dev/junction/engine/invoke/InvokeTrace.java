package dev.junction.engine.invoke;

import dev.junction.engine.cache.CacheLookup;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.guard.GuardrailRecord;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.spend.RateLimitState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What one request has gathered so far, for its log entry. Confined to the request's thread. */
final class InvokeTrace {
    final UUID id;
    final Instant created;
    final long startNanos;
    /** The request as sent; with what input guardrails masked, once they ran (its log holds what the model got). */
    InvokeRequest request;
    DeploymentVersion version;
    /** The live deployment the request was served by (its compiled guardrails and evaluators). */
    ActiveDeployment active;
    RoutingDecision decision;
    /** The context the router read: the caller's with the request fields ({@link RequestFields}). */
    Map<String, Object> routingContext;
    List<PromptMessage> messages;
    long firstTokenNanos;
    /** What the response cache said ({@link CacheLookup#OFF} until it was asked). */
    CacheLookup cache = CacheLookup.OFF;
    /** The option whose stream broke off or was abandoned by the client: billed upstream, but with no usage. */
    ModelOption cutShort;
    /** The x-ratelimit state once admitted (a stream sends it with its headers); null: no rate limit applied. */
    RateLimitState rateLimits;
    final StringBuilder streamed = new StringBuilder();
    /** What the request's guardrails did, in order (written by the request's thread only). */
    final List<GuardrailRecord> guardrails = new ArrayList<>(0);
    /** An input guardrail with action fallback failed: the primary model is skipped. */
    boolean skipPrimary;
    /** The request's output guardrails; null: none. */
    AnswerGuard answerGuard;
    /** What the caller sent, joined ({@link CallerTexts}; after masking): a judge of the answer reads it. */
    String callerText;

    InvokeTrace(UUID id, Instant created, long startNanos, InvokeRequest request) {
        this.id = id;
        this.created = created;
        this.startNanos = startNanos;
        this.request = request;
    }

    /** Where the request went, for its failures: its id, variant and version. */
    Routed routed() {
        return new Routed(id, decision.variant(), version.label());
    }

    /** The id of the rule that matched; null for the default. */
    String ruleId() {
        return decision instanceof RoutingDecision.Matched m ? m.ruleId() : null;
    }
}
