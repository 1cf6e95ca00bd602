package dev.junction.engine.guard;

import java.util.UUID;

/**
 * What a check knows of the request beyond the text it reads: which request, deployment and variant, the stage, the
 * user's text (for a judge of an answer: the question it answers) and how to reach judges and callouts.
 * {@code judging}: the request is itself a judge's call; its own judge guardrails may not call another judge.
 */
public record CheckContext(UUID requestId, String deploymentKey, String variantKey, String stage, String userText,
                           GuardEnv env, boolean judging) {

    public CheckContext(UUID requestId, String deploymentKey, String variantKey, String stage, String userText, GuardEnv env) {
        this(requestId, deploymentKey, variantKey, stage, userText, env, false);
    }
}
