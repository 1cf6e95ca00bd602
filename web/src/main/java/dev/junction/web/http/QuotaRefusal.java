package dev.junction.web.http;

import dev.junction.engine.spend.QuotaExceededException;
import dev.junction.engine.spend.RateLimitState;
import dev.junction.web.openai.OpenAiErrorBody;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request refused by a rate limit or a hard budget, as HTTP: 429 with {@code Retry-After} (whole seconds) and,
 * for a rate limit, OpenAI's {@code x-ratelimit-*} headers; the body in the door's own shape, naming the scope, the
 * target, what ran out and when it resets:
 * <ul>
 *   <li>Orquesta ({@code /v2}, {@code /api}): {@code {"code": "429", "message", "error_code": "rate_limit_exceeded" |
 *       "budget_exceeded", "scope", "target", "limit", "resets_at", "retry_after_seconds"}};</li>
 *   <li>OpenAI ({@code /v1}): {@code {"error": {"message", "type", "param": null, "code": "rate_limit_exceeded" |
 *       "budget_exceeded", "scope", "target", "limit", "resets_at", "retry_after_seconds"}}}, {@code type} as OpenAI
 *       spells it: what ran out ({@code requests}, {@code tokens}; here also {@code concurrent}) for a rate limit,
 *       {@code insufficient_quota} for a budget.</li>
 * </ul>
 * Both official SDKs raise their 429 error (openai: {@code RateLimitError}; {@code @orq-ai/node}: {@code APIError}
 * with status 429) and, when retries are on, wait {@code Retry-After} before trying again. So that they do for a rate
 * limit, the OpenAI door's {@code x-should-retry} is {@code true} here (every other error of that door says
 * {@code false}: the gateway retried already); a budget, or a request whose estimate alone exceeds a token limit, says {@code false}: waiting cannot help it.
 */
final class QuotaRefusal {
    private QuotaRefusal() {}

    static void send(Context ctx, QuotaExceededException e) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        RateLimitState state = e.state();
        if (state != null) state.headers().forEach(ctx::header);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(OpenAiErrorBody.ERROR_CODE, e.code());
        if (OpenAiErrorBody.appliesTo(ctx.path())) {
            extra.put("type", e.kind() == QuotaExceededException.Kind.BUDGET ? "insufficient_quota" : e.limit());
        }
        extra.put("scope", e.scope().wire());
        extra.put("target", e.target());
        extra.put("limit", e.limit());
        extra.put("resets_at", e.resetsAt() == null ? null : e.resetsAt().toString());
        extra.put("retry_after_seconds", e.retryAfterSeconds());
        Errors.send(ctx, 429, e.getMessage(), List.of(), extra);
        if (OpenAiErrorBody.appliesTo(ctx.path())) {
            ctx.header("x-should-retry", Boolean.toString(e.retryable()));
        }
    }
}
