package dev.junction.engine.invoke;

import dev.junction.engine.access.OutOfScopeException;
import dev.junction.engine.cache.AnswerCache;
import dev.junction.engine.cache.CacheLookup;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.eval.EvaluatorRunner;
import dev.junction.engine.guard.CheckContext;
import dev.junction.engine.guard.GuardrailRecord;
import dev.junction.engine.log.LogSink;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.TokenEstimate;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.spend.Admission;
import dev.junction.engine.spend.QuotaExceededException;
import dev.junction.engine.spend.QuotaGate;
import dev.junction.engine.spend.RateLimitState;
import dev.junction.engine.spend.SpendView;
import dev.junction.engine.spend.Spender;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invoke path, in one explicit loop: find the live version, route the context (with the fields derived from the
 * request, {@link RequestFields}; the log entry keeps that context, so Replay sees them too) to a variant, render the
 * prompt, try the variant's models in order (each with its own retries), log, answer.
 * Nothing here touches the database or compiles anything.
 */
public final class InvokeService {
    /** The reason of an attempt a hard provider or model budget skipped. */
    static final String BUDGET_SKIPPED = "budget_exceeded";
    private static final String CLIENT_GONE = "the client went away before the answer was complete";

    private final ActiveDeployments deployments;
    private final LogSink logSink;
    private final Clock clock;
    private final Ids ids;
    private final InvokeLimits limits;
    private final Ticker ticker;
    private final SpendView spendView;
    private final QuotaGate quotas;
    /** The response cache; null: none. */
    private final AnswerCache cache;
    private final LogEntries entries;
    private final RequestGuards guards;

    public InvokeService(ActiveDeployments deployments, LogSink logSink, Clock clock, Ids ids) {
        this(deployments, logSink, clock, ids, InvokeLimits.DEFAULTS);
    }

    public InvokeService(ActiveDeployments deployments, LogSink logSink, Clock clock, Ids ids, InvokeLimits limits) {
        this(deployments, logSink, clock, ids, limits, RequestLog.DEFAULT_TEXT_MAX_BYTES);
    }

    /** @param logTextMaxBytes each text of a log entry is kept up to this many bytes (0: whole), see {@link RequestLog} */
    public InvokeService(ActiveDeployments deployments, LogSink logSink, Clock clock, Ids ids, InvokeLimits limits,
                         int logTextMaxBytes) {
        this(deployments, logSink, clock, ids, limits, logTextMaxBytes, Ticker.SYSTEM);
    }

    /** @param ticker what the requests' deadlines run on: the same as the {@link InvokeRuntime}'s */
    public InvokeService(ActiveDeployments deployments, LogSink logSink, Clock clock, Ids ids, InvokeLimits limits,
                         int logTextMaxBytes, Ticker ticker) {
        this(deployments, logSink, clock, ids, limits, logTextMaxBytes, ticker, Controls.NONE);
    }

    /**
     * What a request passes through besides routing and the model calls, each optional: the rate limits and budgets
     * it is admitted by, the spend the routing fields read ({@link dev.junction.engine.routing.SpendFields}; the
     * production {@code Quotas} is both), and the response cache of the variants that turn it on (null: none).
     */
    public record Controls(QuotaGate quotas, SpendView spend, AnswerCache cache, EvaluatorRunner evaluators) {
        public static final Controls NONE = new Controls(null, null, null, null);

        public Controls {
            quotas = quotas == null ? QuotaGate.NONE : quotas;
            spend = spend == null ? SpendView.NONE : spend;
        }

        public Controls(QuotaGate quotas, SpendView spend, AnswerCache cache) {
            this(quotas, spend, cache, null);
        }

        /** The controls of one gateway: {@code quotas} admits requests and tells routing their spend. */
        public static <Q extends QuotaGate & SpendView> Controls of(Q quotas, AnswerCache cache) {
            return new Controls(quotas, quotas, cache, null);
        }

        /** The same controls, scoring answers with {@code runner} (null: no evaluators run). */
        public Controls withEvaluators(EvaluatorRunner runner) {
            return new Controls(quotas, spend, cache, runner);
        }
    }

    /** @param controls rate limits and budgets, the spend routing reads, the response cache: {@link Controls} */
    public InvokeService(ActiveDeployments deployments, LogSink logSink, Clock clock, Ids ids, InvokeLimits limits,
                         int logTextMaxBytes, Ticker ticker, Controls controls) {
        QuotaGate quotas = controls.quotas();
        SpendView spendView = controls.spend();
        AnswerCache cache = controls.cache();
        this.entries = new LogEntries(deployments, logTextMaxBytes);
        this.guards = new RequestGuards(logSink, entries, controls.evaluators());
        this.quotas = quotas;
        this.spendView = spendView;
        this.cache = cache;
        this.ticker = ticker;
        this.limits = limits;
        this.deployments = deployments;
        this.logSink = logSink;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * @throws OutOfScopeException        the request's API key may not use the deployment (logged as an error, 403,
     *                                     when the deployment exists)
     * @throws DeploymentNotFoundException no live deployment has the key
     * @throws InvalidInputException       the request lacks inputs the prompt needs (logged as an error)
     * @throws QuotaExceededException      a rate limit or a hard budget refused it (logged as an error, 429)
     * @throws AllAttemptsFailedException  every model of the variant failed, or the deadline passed (logged with
     *                                     every attempt)
     */
    public InvokeResult invoke(InvokeRequest request) {
        return run(request, null);
    }

    /**
     * Like {@link #invoke}, streaming the answer into {@code listener}. Retries and the fallback happen only before
     * the first piece of text reaches the listener.
     *
     * @throws AllAttemptsFailedException nothing was streamed: every option failed before its first token
     * @throws StreamTruncatedException   the answer broke off after it started (logged as {@code truncated})
     * @throws dev.junction.engine.provider.StreamCancelledException the client went away (logged as {@code cancelled};
     *                                    the upstream call was abandoned)
     */
    public InvokeResult stream(InvokeRequest request, InvokeStreamListener listener) {
        return run(request, listener);
    }

    /** What the spend fields of routing read (the simulator fills them as an invoke would). */
    public SpendView spendView() {
        return spendView;
    }

    private InvokeResult run(InvokeRequest request, InvokeStreamListener listener) {
        InvokeTrace t = new InvokeTrace(ids.next(), clock.instant(), System.nanoTime(), request);
        Deadline deadline = Deadline.in(limits.deadline(), ticker);
        ActiveDeployment active = live(t);
        t.active = active;
        t.version = active.version();
        t.routingContext = RequestFields.routingContext(request.context(), RequestFields.of(request.prefixMessages(),
                request.messages(), request.inputs(), request.options().overrides().tools()));
        active.addSpendFields(t.routingContext, request, spendView); // spend.*, budget.*: real values, not the caller's
        t.decision = active.router().route(t.routingContext);
        VariantPlan plan = active.plan(t.decision.variant());

        try {
            t.messages = plan.render(request);
            checkOverrides(plan, request.options().overrides());
        } catch (InvalidInputException e) {
            logSink.record(entries.entry(t, null, LogStatus.ERROR, 422, e.getMessage(), null, List.of()));
            throw e.routedAs(t.routed());
        }

        Admission admission = admit(t, plan); // a cached answer is a request too: it counts, at no cost
        t.rateLimits = admission.state();
        List<Attempt> attempts = new ArrayList<>();
        try {
            // admitted first: a request over its limits or budget costs no judge or callout
            guards.guardInput(t, active, plan, deadline);
            InvokeResult result;
            if (request.options().mocked()) {
                result = mock(t, listener, plan.options().getFirst());
            } else {
                // an input guardrail that sent the request to the fallback: no cached answer of the primary's
                if (!t.skipPrimary) t.cache = ResponseCaching.lookup(cache, plan, request, t.messages);
                if (t.cache.isHit() && !guards.hitPassesGuards(t)) t.cache = CacheLookup.OFF;
                result = t.cache.isHit() ? cached(t, listener, ResponseCaching.answering(plan, t.cache))
                        : answer(t, plan, listener, deadline, attempts, admission);
            }
            RateLimitState state = admission.state();
            return state == null ? result : result.withRateLimits(state);
        } finally {
            settle(admission, attempts, t);
        }
    }

    /**
     * The live deployment, if the request's API key may use it. A refusal of a deployment that exists is logged as an
     * error with status 403 (before routing: no variant; with nothing the caller sent but its key), one of a deployment
     * that does not is not (as a 404 is not).
     */
    private ActiveDeployment live(InvokeTrace t) {
        ActiveDeployment active = deployments.get(t.request.key()).orElse(null);
        try {
            return t.request.live(active);
        } catch (OutOfScopeException e) {
            if (active != null) {
                t.version = active.version();
                // what another application sent stays out of this deployment's log: no bodies, no metadata
                logSink.record(entries.entry(t, null, LogStatus.ERROR, 403, e.getMessage(), null, List.of()).toBuilder()
                        .bodies(null).metadata(Map.of()).request(Map.of()).identity(null, null).build());
            }
            throw e;
        }
    }

    /**
     * Asks the judge deployment {@code key} with {@code inputs}, as the gateway itself (source {@code JUDGE}; no scope
     * check, but on the caller's API key and identity, so their rate limits and budgets count it), and returns its
     * answer's text. A judge's own request may not ask another judge.
     */
    public String judge(String key, Map<String, Object> inputs, CheckContext context) {
        if (context.judging()) throw new IllegalStateException("a judge's own guardrails cannot call another judge");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("judged_request_id", context.requestId() == null ? null : context.requestId().toString());
        metadata.put("judged_deployment", context.deploymentKey());
        // on the caller's account: its key's and identity's limits and budgets count the judge's call and its cost
        RequestOptions options = context.identityId() == null ? RequestOptions.NONE
                : new RequestOptions(null, null, Map.of("id", context.identityId()), null, null, null);
        InvokeRequest request = new InvokeRequest(key, Map.of(), inputs, null, null, metadata, Source.JUDGE, options,
                context.apiKeyId());
        return invoke(request).response().content();
    }

    /** The model loop: each option of the plan in turn (skipping one a hard provider or model budget refuses). */
    private InvokeResult answer(InvokeTrace t, VariantPlan plan, InvokeStreamListener listener, Deadline deadline,
                                List<Attempt> attempts, Admission admission) {
        InvokeRequest request = t.request;
        int cachePrefix = plan.cachePrefix(request);
        List<ModelOption> options = plan.options();
        ModelParameters overrides = request.options().overrides();
        boolean deadlinePassed = false;
        long callStart = System.nanoTime();
        if (t.skipPrimary) attempts.add(RequestGuards.guardSkipped(t, options.getFirst()));
        for (int i = t.skipPrimary ? 1 : 0; i < options.size() && !deadlinePassed; i++) {
            ModelOption option = options.get(i);
            if (!admission.allows(option.config().provider(), option.config().model())) {
                attempts.add(skipped(option, admission));
                continue;
            }
            try {
                ModelOption.Answer answer = listener == null
                        ? option.call(t.messages, cachePrefix, overrides, attempts, deadline, t.answerGuard)
                        : option.stream(t.messages, cachePrefix, overrides, attempts, deadline,
                        firstTokenGate(listener, t, option, callStart), t.answerGuard);
                long providerMicros = (System.nanoTime() - callStart) / 1_000;
                ChatResponse response = answer.response();
                markNextSteps(attempts);
                long latency = micros(t.startNanos);
                logSink.record(entries.entry(t, option, LogStatus.SUCCESS, 200, null, response, attempts));
                guards.evaluate(t, response);
                ResponseCaching.store(cache, t.cache, response, option.config(), attempts);
                return new InvokeResult(t.id, t.created, t.version, t.decision, option.config(),
                        answer.adapter().orqProvider(), response, List.copyOf(attempts), latency, providerMicros,
                        null, t.cache.status());
            } catch (ProviderException e) {
                // this model is done (retries exhausted, not retryable, too small, circuit open): on to the next option
            } catch (GuardBlockedException e) {
                markNextSteps(attempts);
                AllAttemptsFailedException blocked = AllAttemptsFailedException.blocked(t.routed(), attempts, e.block());
                logSink.record(entries.entry(t, option, LogStatus.ERROR, 400, blocked.getMessage(), null, attempts));
                throw blocked;
            } catch (DeadlineExceededException e) {
                deadlinePassed = true;
            } catch (StreamBrokenException e) {
                t.cutShort = option;
                markNextSteps(attempts);
                StreamTruncatedException truncated = new StreamTruncatedException(t.id, e.failure(), attempts);
                logSink.record(entries.entry(t, option, LogStatus.TRUNCATED, 200, truncated.getMessage(), null, attempts));
                throw truncated;
            } catch (StreamCancelledException e) {
                t.cutShort = option;
                markNextSteps(attempts);
                logSink.record(entries.entry(t, option, LogStatus.CANCELLED, 499,
                        CLIENT_GONE, null, attempts));
                throw e;
            }
        }
        markNextSteps(attempts);
        QuotaExceededException refused = attempts.isEmpty() || deadlinePassed ? null
                : admission.refusal(options.getLast().config().provider(), options.getLast().config().model());
        if (refused != null && attempts.stream().allMatch(a -> BUDGET_SKIPPED.equals(a.reason()))) {
            logSink.record(entries.entry(t, options.getLast(), LogStatus.ERROR, 429, refused.getMessage(), null, attempts));
            throw refused;
        }
        GuardrailRecord refusedBy = RequestGuards.lastFallback(t);
        if (!deadlinePassed && refusedBy != null && attempts.stream().allMatch(a -> "guardrail".equals(a.reason()))) {
            // every model was refused by a guardrail with action fallback: a block by that guardrail, named
            AllAttemptsFailedException blocked = AllAttemptsFailedException.blocked(t.routed(), attempts,
                    new AllAttemptsFailedException.GuardrailBlock(refusedBy.name(), refusedBy.kind(), refusedBy.stage(),
                            refusedBy.publicReason()));
            logSink.record(entries.entry(t, options.getLast(), LogStatus.ERROR, 400, blocked.getMessage(), null, attempts));
            throw blocked;
        }
        AllAttemptsFailedException failure = new AllAttemptsFailedException(t.routed(), attempts, deadlinePassed);
        logSink.record(entries.entry(t, options.getLast(), LogStatus.ERROR, failure.httpStatus(), failure.getMessage(), null, attempts));
        throw failure;
    }

    /**
     * Admits the request by the rate limits and budgets of its API key, identity, deployment, project and workspace
     * ({@link QuotaGate}), estimating its tokens (the rendered prompt by {@link TokenEstimate}, plus its
     * {@code max_tokens}, else {@link QuotaGate#DEFAULT_OUTPUT_TOKENS}) and its cost at the primary model's prices (0
     * for a mocked request). A refusal is logged as an error with status 429.
     */
    private Admission admit(InvokeTrace t, VariantPlan plan) {
        if (quotas == QuotaGate.NONE) return Admission.NONE;
        InvokeRequest request = t.request;
        Spender who = new Spender(request.apiKeyId() == null ? null : request.apiKeyId().toString(),
                request.options().identityId(), t.version.key(), t.version.spec().project());
        long tokens = 0;
        BigDecimal cost = BigDecimal.ZERO;
        if (quotas.enforcing()) {
            ModelOption primary = plan.options().getFirst();
            Integer max = primary.config().parameters().overriddenBy(request.options().overrides()).maxTokens();
            int prompt = TokenEstimate.ofMessages(t.messages);
            int output = max != null && max > 0 ? max : QuotaGate.DEFAULT_OUTPUT_TOKENS;
            tokens = (long) prompt + output;
            if (!request.options().mocked()) cost = primary.priceOf(prompt, output);
        }
        try {
            return quotas.admit(who, tokens, cost);
        } catch (QuotaExceededException e) {
            logSink.record(entries.entry(t, null, LogStatus.ERROR, 429, e.getMessage(), null, List.of()));
            throw e;
        }
    }

    /** An option a hard provider or model budget refuses: a failed attempt, never sent. */
    private static Attempt skipped(ModelOption option, Admission admission) {
        QuotaExceededException why = admission.refusal(option.config().provider(), option.config().model());
        return Attempt.failed(option.role(), 1, option.config().provider(), option.config().model(), 0,
                new Attempt.Failure(null, BUDGET_SKIPPED, why == null ? "budget exceeded: not sent" : why.getMessage() + ": not sent", false));
    }

    /**
     * Spends what the request's attempts really cost (failed ones included) and corrects its token reservation with
     * their usage; then gives back its concurrency slots.
     */
    private static void settle(Admission admission, List<Attempt> attempts, InvokeTrace t) {
        if (admission == Admission.NONE) return;
        try {
            long tokens = 0;
            List<Admission.Charge> charges = new ArrayList<>(attempts.size() + 1);
            for (Attempt a : attempts) {
                if (a.promptTokens() != null) tokens += a.promptTokens();
                if (a.completionTokens() != null) tokens += a.completionTokens();
                if (a.costUsd() != null) charges.add(new Admission.Charge(a.provider(), a.model(), a.costUsd()));
            }
            if (t.cutShort != null && (attempts.isEmpty() || attempts.getLast().costUsd() == null)) {
                // a stream cut short reports no usage, yet the provider bills it: count the prompt and what was streamed
                int prompt = TokenEstimate.ofMessages(t.messages);
                int output = TokenEstimate.ofText(t.streamed.toString());
                tokens += (long) prompt + output;
                ModelConfig m = t.cutShort.config();
                charges.add(new Admission.Charge(m.provider(), m.model(), t.cutShort.priceOf(prompt, output)));
            }
            admission.settle(tokens, charges);
        } finally {
            admission.close();
        }
    }

    /**
     * {@code invoke_options.mock_response}: the request is routed and its prompt rendered as usual (so a missing input
     * still fails), then the mock text is the answer; no model is called, nothing is billed, and the log says
     * {@code mocked}. A stream gets the text in word-sized pieces.
     */
    private InvokeResult mock(InvokeTrace t, InvokeStreamListener listener, ModelOption primary) {
        String text = t.request.options().mockResponse();
        if (listener != null && !text.isEmpty()) {
            StreamSink sink = firstTokenGate(listener, t, primary, System.nanoTime());
            try {
                for (String piece : pieces(text)) sink.delta(piece);
            } catch (StreamCancelledException e) {
                logSink.record(entries.entry(t, null, LogStatus.CANCELLED, 499, CLIENT_GONE,
                        null, List.of()));
                throw e;
            }
        }
        ChatResponse response = new ChatResponse(text, "stop", Usage.NONE, primary.config().model());
        logSink.record(entries.entry(t, null, LogStatus.MOCKED, 200, null, response, List.of()));
        return new InvokeResult(t.id, t.created, t.version, t.decision, primary.config(), primary.orqProvider(), response,
                List.of(), micros(t.startNanos), 0);
    }

    /**
     * An answer from the response cache: no model is called; a stream gets it as pieces ({@link
     * dev.junction.engine.cache.CachedAnswer#pieces}). Logged as a success that cost 0 and used no tokens, with the
     * cost it saved and the entry's age.
     */
    private InvokeResult cached(InvokeTrace t, InvokeStreamListener listener, ModelOption option) {
        ChatResponse response = t.cache.hit().response();
        if (listener != null) {
            StreamSink sink = firstTokenGate(listener, t, option, System.nanoTime());
            try {
                for (var piece : t.cache.hit().pieces(InvokeService::pieces)) sink.accept(piece);
            } catch (StreamCancelledException e) {
                logSink.record(entries.entry(t, option, LogStatus.CANCELLED, 499, CLIENT_GONE, null, List.of()));
                throw e;
            }
        }
        logSink.record(entries.entry(t, option, LogStatus.SUCCESS, 200, null, response, List.of()).toBuilder()
                .tokens(null, null, null).reasoningTokens(null).cost(BigDecimal.ZERO, null).build());
        return new InvokeResult(t.id, t.created, t.version, t.decision, option.config(), option.orqProvider(), response,
                List.of(), micros(t.startNanos), 0, null, t.cache.status());
    }

    /** The request's overrides against each model of the variant (its tools are known only now): {@link ExtraParams#againstVariant}. */
    private static void checkOverrides(VariantPlan plan, ModelParameters overrides) {
        if (overrides.tools() == null && overrides.toolChoice() == null) return; // nothing to check: no allocation
        List<dev.junction.engine.deployment.FieldError> errors = new ArrayList<>();
        for (ModelOption option : plan.options()) {
            for (var f : ExtraParams.againstVariant(option.config().parameters(), overrides)) if (!errors.contains(f)) errors.add(f);
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
    }

    /** Words with the whitespace before them: "a b" → "a", " b". */
    static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1)))) {
                out.add(text.substring(from, i));
                from = i;
            }
        }
        return out;
    }

    /**
     * Calls {@link InvokeStreamListener#start} before the first piece of text, then passes every piece on, keeping
     * the time of the first and the text so far (a stream cut short logs what the client got).
     */
    private static StreamSink firstTokenGate(InvokeStreamListener listener, InvokeTrace t, ModelOption option, long callStart) {
        return piece -> {
            if (t.firstTokenNanos == 0) {
                listener.start(new InvokeStreamListener.Start(t.id, t.created, t.version, t.decision, option.config(),
                        option.orqProvider(), callStart, t.cache.status(), t.rateLimits));
                t.firstTokenNanos = System.nanoTime();
            }
            listener.piece(piece);
            if (piece instanceof dev.junction.engine.provider.StreamPiece.Text text) t.streamed.append(text.text());
        };
    }

    /** Records on each failed attempt what happened next: a retry on the same model, the fallback, or nothing. */
    private static void markNextSteps(List<Attempt> attempts) {
        for (int i = 0; i < attempts.size(); i++) {
            Attempt a = attempts.get(i);
            if (a.success()) continue;
            Attempt.Next next = Attempt.Next.NONE;
            if (i + 1 < attempts.size()) {
                next = attempts.get(i + 1).option() == a.option() ? Attempt.Next.RETRY : Attempt.Next.FALLBACK;
            }
            attempts.set(i, a.withNext(next));
        }
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
