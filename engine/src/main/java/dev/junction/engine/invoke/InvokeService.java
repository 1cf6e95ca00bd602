package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.log.LogSink;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The invoke path, in one explicit loop: find the live version, route the context to a variant, render the
 * prompt, try the variant's models in order (each with its own retries), log, answer.
 * Nothing here touches the database or compiles anything.
 */
public final class InvokeService {
    private final ActiveDeployments deployments;
    private final LogSink logSink;
    private final Clock clock;
    private final Ids ids;

    public InvokeService(ActiveDeployments deployments, LogSink logSink, Clock clock, Ids ids) {
        this.deployments = deployments;
        this.logSink = logSink;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws DeploymentNotFoundException no live deployment has the key
     * @throws InvalidInputException       the request lacks inputs the prompt needs (logged as an error)
     * @throws AllAttemptsFailedException  every model of the variant failed (logged with every attempt)
     */
    public InvokeResult invoke(InvokeRequest request) {
        long start = System.nanoTime();
        Instant created = clock.instant();
        UUID id = ids.next();
        ActiveDeployment active = deployments.get(request.key())
                .orElseThrow(() -> new DeploymentNotFoundException(request.key()));
        DeploymentVersion version = active.version();
        RoutingDecision decision = active.router().route(request.context());
        VariantPlan plan = active.plan(decision.variant());

        List<PromptMessage> messages;
        try {
            messages = plan.render(request);
        } catch (InvalidInputException e) {
            logSink.record(entry(id, created, request, version, decision, null, "error", 422, e.getMessage(),
                    start, null, List.of()));
            throw e;
        }

        List<Attempt> attempts = new ArrayList<>();
        List<ModelOption> options = plan.options();
        for (int i = 0; i < options.size(); i++) {
            ModelOption option = options.get(i);
            try {
                ModelOption.Answer answer = option.call(messages, attempts);
                ChatResponse response = answer.response();
                markNextSteps(attempts);
                long latency = micros(start);
                logSink.record(entry(id, created, request, version, decision, option, "success", 200, null,
                        start, response, attempts));
                return new InvokeResult(id, created, version, decision, option.config(),
                        answer.adapter().orqProvider(), response, List.copyOf(attempts), latency);
            } catch (ProviderException e) {
                // this model is done (retries exhausted or not retryable): on to the next option, if any
            }
        }
        markNextSteps(attempts);
        AllAttemptsFailedException failure = new AllAttemptsFailedException(id, attempts);
        ModelOption last = options.getLast();
        logSink.record(entry(id, created, request, version, decision, last, "error", failure.httpStatus(),
                failure.getMessage(), start, null, attempts));
        throw failure;
    }

    /** Records on each failed attempt what happened next: a retry on the same model, the fallback, or nothing. */
    private static void markNextSteps(List<Attempt> attempts) {
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            if (a.success()) continue;
            String next = "none";
            if (i + 1 < attempts.size()) {
                next = attempts.get(i + 1).option().equals(a.option()) ? "retry" : "fallback";
            }
            attempts.set(i, a.withNext(next));
        }
    }

    private RequestLog entry(UUID id, Instant created, InvokeRequest request, DeploymentVersion version,
                             RoutingDecision decision, ModelOption option, String status, int httpStatus,
                             String error, long start, ChatResponse response, List<Attempt> attempts) {
        String ruleId = decision instanceof RoutingDecision.Matched m ? m.ruleId() : null;
        Integer prompt = null;
        Integer completion = null;
        if (response != null) {
            prompt = response.usage().promptTokens();
            completion = response.usage().completionTokens();
        }
        return new RequestLog(id, created, version.key(), version.deploymentId(), version.id(), version.number(),
                decision.variant(), decision.evaluation(), ruleId,
                option == null ? null : option.config().provider(),
                option == null ? null : option.config().model(),
                status, httpStatus, error, micros(start), prompt, completion, request.source(),
                request.context(), List.copyOf(attempts));
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
