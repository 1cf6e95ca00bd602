package dev.junction.engine.guard;

import java.util.UUID;

/**
 * What a check knows of the request beyond the text it reads: which request, deployment and variant, the stage, the
 * user's text (for a judge of an answer: the question it answers) and how to reach judges and callouts.
 * {@code judging}: the request is itself a judge's call; its own judge guardrails may not call another judge.
 * {@code apiKeyId} and {@code identityId}: the caller's, whose limits and budgets a judge's call counts against.
 * {@code remainingMillis}: the time left before the request's deadline.
 */
public record CheckContext(UUID requestId, String deploymentKey, String variantKey, String stage, String userText,
                           GuardEnv env, boolean judging, UUID apiKeyId, String identityId,
                           java.util.function.LongSupplier remainingMillis) {
    /** No deadline of its own: an evaluator's check, a preview. */
    public static final java.util.function.LongSupplier NO_DEADLINE = () -> Long.MAX_VALUE;

    public CheckContext {
        remainingMillis = remainingMillis == null ? NO_DEADLINE : remainingMillis;
    }

    public CheckContext(UUID requestId, String deploymentKey, String variantKey, String stage, String userText, GuardEnv env) {
        this(requestId, deploymentKey, variantKey, stage, userText, env, false);
    }

    public CheckContext(UUID requestId, String deploymentKey, String variantKey, String stage, String userText, GuardEnv env,
                        boolean judging) {
        this(requestId, deploymentKey, variantKey, stage, userText, env, judging, null, null, NO_DEADLINE);
    }

    /**
     * The time a remote check may take: its own timeout, or less when the request's deadline comes first; 0 when the
     * deadline has passed.
     */
    public long timeoutMillis(int own) {
        return Math.max(0, Math.min(own, remainingMillis.getAsLong()));
    }
}
