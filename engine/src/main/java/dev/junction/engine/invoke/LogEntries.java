package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.log.LogPii;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.routing.RoutingDecision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a request's log entry from what its {@link InvokeTrace} gathered: where it went, how it ended, tokens and cost
 * summed over its attempts, what the caller sent beyond prompt and context, the bodies (when the deployment keeps
 * them; PII masked when it masks them; for a judge's request, by the judged deployment's rules too) and what its
 * guardrails did.
 */
final class LogEntries {
    private final ActiveDeployments deployments;
    private final int textMaxBytes;

    LogEntries(ActiveDeployments deployments, int textMaxBytes) {
        this.deployments = deployments;
        this.textMaxBytes = textMaxBytes;
    }

    RequestLog entry(InvokeTrace t, ModelOption option, LogStatus status, int httpStatus, String error,
                             ChatResponse response, List<Attempt> attempts) {
        RoutingDecision decision = t.decision;
        DeploymentVersion version = t.version;
        InvokeRequest request = t.request;
        String ruleId = decision instanceof RoutingDecision.Matched m ? m.ruleId() : null;
        Integer prompt = null;
        Integer completion = null;
        Integer cached = null;
        Integer reasoning = null;
        if (response != null) {
            prompt = response.usage().promptTokens();
            completion = response.usage().completionTokens();
            cached = response.usage().cachedPromptTokens();
            reasoning = response.usage().reasoningTokens() == 0 ? null : response.usage().reasoningTokens();
        }
        BigDecimal cost = null;
        BigDecimal cacheSaved = null;
        String priceSource = null;
        for (Attempt a : attempts) {
            if (a.costUsd() == null) continue;
            cost = cost == null ? a.costUsd() : cost.add(a.costUsd());
            if (a.cacheSavedUsd() != null) cacheSaved = cacheSaved == null ? a.cacheSavedUsd() : cacheSaved.add(a.cacheSavedUsd());
            else if (cacheSaved == null) cacheSaved = BigDecimal.ZERO;
            if (a.success()) priceSource = a.priceSource();
        }
        if (cost == null && status == LogStatus.MOCKED) cost = BigDecimal.ZERO;
        RequestOptions o = request.options();
        Map<String, Object> sent = new LinkedHashMap<>();
        if (!o.identity().isEmpty()) sent.put("identity", o.identity());
        if (!o.thread().isEmpty()) sent.put("thread", o.thread());
        if (!o.extraParams().isEmpty()) sent.put("extra_params", o.extraParams());
        if (o.includeUsage() != null || o.mocked()) {
            Map<String, Object> invokeOptions = new LinkedHashMap<>();
            if (o.includeUsage() != null) invokeOptions.put("include_usage", o.includeUsage());
            if (o.mocked()) invokeOptions.put("mock_response", o.mockResponse());
            sent.put("invoke_options", invokeOptions);
        }
        boolean keepBodies = version.spec().logsBodies();
        boolean maskPii = version.spec().masksPiiInLogs();
        DeploymentSpec judged = judged(request);
        if (judged != null) { // a judge's request holds the judged deployment's text: its log follows that one's rules too
            keepBodies &= judged.logsBodies();
            maskPii |= judged.masksPiiInLogs();
        }
        List<Attempt> logged = withOutput(attempts, response, keepBodies);
        if (maskPii) logged = LogPii.maskAttempts(logged);
        RequestLog.Bodies bodies = null;
        if (keepBodies) {
            String answer = response != null ? response.content() : t.streamed.isEmpty() ? null : t.streamed.toString();
            bodies = new RequestLog.Bodies(request.inputs(), t.messages, answer,
                    response == null ? null : response.finishReason());
            if (maskPii) bodies = LogPii.mask(bodies);
        }
        Long ttft = t.firstTokenNanos == 0 ? null : (t.firstTokenNanos - t.startNanos) / 1_000;
        return RequestLog.builder(t.id, t.created)
                .deployment(version.key(), version.deploymentId(), version.id(), version.number())
                .variant(decision == null ? null : decision.variant(), decision == null ? null : decision.evaluation(), ruleId)
                .model(option == null ? null : option.config().provider(), option == null ? null : option.config().model())
                .status(status, httpStatus).error(error).latencyMicros(micros(t.startNanos)).ttftMicros(ttft)
                .tokens(prompt, completion, cached).reasoningTokens(reasoning).cost(cost, priceSource)
                .promptCache(response == null ? null : response.usage().cacheWriteTokens(), cacheSaved)
                .source(request.source()).context(t.routingContext).metadata(request.metadata())
                .identity(o.identityId(), o.threadId()).request(sent).apiKeyId(request.apiKeyId())
                .attempts(logged).bodies(bodies).textMaxBytes(textMaxBytes).cache(ResponseCaching.logged(t.cache))
                .guardrails(t.guardrails).build();
    }

    /**
     * The attempts as logged: the one that answered (the last successful one) carries what the answer held beyond
     * its text, its tool calls and reasoning ({@link Attempt.Output}; arguments and reasoning text only with bodies).
     */
    private static List<Attempt> withOutput(List<Attempt> attempts, ChatResponse response, boolean withBodies) {
        List<Attempt> out = new ArrayList<>(attempts);
        Attempt.Output output = Attempt.Output.of(response, withBodies);
        if (output == null) return List.copyOf(out);
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.get(i).success()) {
                out.set(i, out.get(i).withOutput(output));
                break;
            }
        }
        return List.copyOf(out);
    }

    /** For a judge's request (source {@code JUDGE}, made by {@link InvokeService#judge}), the live spec of the deployment it judges. */
    private DeploymentSpec judged(InvokeRequest request) {
        if (request.source() != Source.JUDGE || !(request.metadata().get("judged_deployment") instanceof String key)) return null;
        return deployments.get(key).map(a -> a.version().spec()).orElse(null);
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
