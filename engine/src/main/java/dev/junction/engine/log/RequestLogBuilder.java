package dev.junction.engine.log;

import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds a {@link RequestLog} by name. Nothing is required beyond the id and time: unset parts are null (empty maps
 * and list), the source is {@link Source#API}, the status {@link LogStatus#SUCCESS} with HTTP 200, and texts are
 * kept whole ({@code textMaxBytes} 0).
 */
public final class RequestLogBuilder {
    private final UUID id;
    private final Instant createdAt;
    private String deploymentKey;
    private UUID deploymentId;
    private UUID versionId;
    private Integer versionNumber;
    private String variantKey;
    private String evaluation;
    private String ruleId;
    private String provider;
    private String model;
    private LogStatus status = LogStatus.SUCCESS;
    private int httpStatus = 200;
    private String error;
    private long latencyMicros;
    private Long ttftMicros;
    private RequestLog.Usage usage = RequestLog.Usage.NONE;
    private Source source = Source.API;
    private Map<String, Object> context = Map.of();
    private Map<String, Object> metadata = Map.of();
    private String identityId;
    private String threadId;
    private Map<String, Object> request = Map.of();
    private UUID apiKeyId;
    private List<Attempt> attempts = List.of();
    private RequestLog.Bodies bodies;
    private int textMaxBytes;
    private RequestLog.Cache cache;
    private List<dev.junction.engine.guard.GuardrailRecord> guardrails = List.of();

    RequestLogBuilder(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
    }

    RequestLogBuilder(RequestLog e) {
        this(e.id(), e.createdAt());
        RequestLog.Route r = e.route();
        deployment(r.deploymentKey(), r.deploymentId(), r.versionId(), r.versionNumber());
        variant(r.variantKey(), r.evaluation(), r.ruleId());
        model(r.provider(), r.model());
        RequestLog.Outcome o = e.outcome();
        status(o.status(), o.httpStatus()).error(o.error()).latencyMicros(o.latencyMicros()).ttftMicros(o.ttftMicros());
        usage(e.usage());
        RequestLog.Caller c = e.caller();
        source(c.source()).context(c.context()).metadata(c.metadata()).identity(c.identityId(), c.threadId())
                .request(c.request()).apiKeyId(c.apiKeyId());
        attempts(e.attempts()).bodies(e.bodies()).textMaxBytes(e.textMaxBytes()).cache(e.cache()).guardrails(e.guardrails());
    }

    /** What each guardrail of the request did, in order. */
    public RequestLogBuilder guardrails(List<dev.junction.engine.guard.GuardrailRecord> records) {
        this.guardrails = records == null ? List.of() : List.copyOf(records);
        return this;
    }

    public RequestLogBuilder deployment(String key, UUID deploymentId, UUID versionId, Integer versionNumber) {
        this.deploymentKey = key;
        this.deploymentId = deploymentId;
        this.versionId = versionId;
        this.versionNumber = versionNumber;
        return this;
    }

    public RequestLogBuilder variant(String variantKey, String evaluation, String ruleId) {
        this.variantKey = variantKey;
        this.evaluation = evaluation;
        this.ruleId = ruleId;
        return this;
    }

    /** The model that answered, or the last one tried. */
    public RequestLogBuilder model(String provider, String model) {
        this.provider = provider;
        this.model = model;
        return this;
    }

    public RequestLogBuilder status(LogStatus status, int httpStatus) {
        this.status = status;
        this.httpStatus = httpStatus;
        return this;
    }

    public RequestLogBuilder error(String error) {
        this.error = error;
        return this;
    }

    public RequestLogBuilder latencyMicros(long latencyMicros) {
        this.latencyMicros = latencyMicros;
        return this;
    }

    public RequestLogBuilder ttftMicros(Long ttftMicros) {
        this.ttftMicros = ttftMicros;
        return this;
    }

    public RequestLogBuilder tokens(Integer prompt, Integer completion, Integer cached) {
        return usage(new RequestLog.Usage(prompt, completion, cached, usage.costUsd(), usage.priceSource(),
                usage.reasoningTokens(), usage.cacheWriteTokens(), usage.cacheSavedUsd()));
    }

    public RequestLogBuilder cost(BigDecimal costUsd, String priceSource) {
        return usage(new RequestLog.Usage(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                costUsd, priceSource, usage.reasoningTokens(), usage.cacheWriteTokens(), usage.cacheSavedUsd()));
    }

    /** The part of the completion tokens spent reasoning (null: none reported). */
    public RequestLogBuilder reasoningTokens(Integer reasoning) {
        return usage(new RequestLog.Usage(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                usage.costUsd(), usage.priceSource(), reasoning, usage.cacheWriteTokens(), usage.cacheSavedUsd()));
    }

    /**
     * The provider prompt cache: tokens the answer wrote to it (null: no answer) and what its cached tokens saved
     * against the input price over all priced attempts (null: none priced). See {@link RequestLog.Usage}.
     */
    public RequestLogBuilder promptCache(Integer cacheWriteTokens, BigDecimal cacheSavedUsd) {
        return usage(new RequestLog.Usage(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                usage.costUsd(), usage.priceSource(), usage.reasoningTokens(), cacheWriteTokens, cacheSavedUsd));
    }

    public RequestLogBuilder usage(RequestLog.Usage usage) {
        this.usage = usage == null ? RequestLog.Usage.NONE : usage;
        return this;
    }

    public RequestLogBuilder source(Source source) {
        this.source = source;
        return this;
    }

    public RequestLogBuilder context(Map<String, Object> context) {
        this.context = context;
        return this;
    }

    public RequestLogBuilder metadata(Map<String, Object> metadata) {
        this.metadata = metadata;
        return this;
    }

    public RequestLogBuilder identity(String identityId, String threadId) {
        this.identityId = identityId;
        this.threadId = threadId;
        return this;
    }

    /** What the caller sent beyond prompt and context; see {@link RequestLog.Caller}. */
    public RequestLogBuilder request(Map<String, Object> request) {
        this.request = request;
        return this;
    }

    public RequestLogBuilder apiKeyId(UUID apiKeyId) {
        this.apiKeyId = apiKeyId;
        return this;
    }

    public RequestLogBuilder attempts(List<Attempt> attempts) {
        this.attempts = attempts;
        return this;
    }

    public RequestLogBuilder bodies(RequestLog.Bodies bodies) {
        this.bodies = bodies;
        return this;
    }

    public RequestLogBuilder textMaxBytes(int textMaxBytes) {
        this.textMaxBytes = textMaxBytes;
        return this;
    }

    /** The response cache's part (null: the variant does not cache). */
    public RequestLogBuilder cache(RequestLog.Cache cache) {
        this.cache = cache;
        return this;
    }

    public RequestLog build() {
        return new RequestLog(id, createdAt,
                new RequestLog.Route(deploymentKey, deploymentId, versionId, versionNumber, variantKey, evaluation,
                        ruleId, provider, model),
                new RequestLog.Outcome(status, httpStatus, error, latencyMicros, ttftMicros),
                usage,
                new RequestLog.Caller(source, context, metadata, identityId, threadId, request, apiKeyId),
                attempts, bodies, textMaxBytes, cache, guardrails);
    }
}
