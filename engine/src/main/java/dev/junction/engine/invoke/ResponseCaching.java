package dev.junction.engine.invoke;

import dev.junction.engine.cache.AnswerCache;
import dev.junction.engine.cache.CacheLookup;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The invoke path's side of the response cache ({@link AnswerCache}), kept out of {@link InvokeService}'s loop:
 * the lookup of a routed, rendered request, the store of its answer, the option a cached answer is shown as, and the
 * cache's part of the log entry. A null cache (none configured) caches nothing.
 */
final class ResponseCaching {
    private ResponseCaching() {}

    static CacheLookup lookup(AnswerCache cache, VariantPlan plan, InvokeRequest request, List<dev.junction.engine.deployment.PromptMessage> messages) {
        if (cache == null || !plan.variant().caches()) return CacheLookup.OFF;
        List<ModelConfig> configs = new ArrayList<>(plan.options().size());
        for (ModelOption o : plan.options()) configs.add(o.config());
        return cache.lookup(request.key(), plan.variant(), configs, request.options().overrides(), messages,
                request.options().cache());
    }

    /** Keeps the answer when the lookup says so, with the cost of the attempt that answered (the last). */
    static void store(AnswerCache cache, CacheLookup lookup, ChatResponse response, ModelConfig answered, List<Attempt> attempts) {
        if (cache == null || !lookup.stores()) return;
        java.math.BigDecimal cost = null;
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).success()) {
                cost = attempts.get(i).costUsd();
                break;
            }
        }
        cache.store(lookup, response, answered, cost);
    }

    /** The option of the plan that gave the cached answer (same provider and model), else the primary. */
    static ModelOption answering(VariantPlan plan, CacheLookup lookup) {
        for (ModelOption o : plan.options()) {
            if (o.config().provider().equals(lookup.hit().provider()) && o.config().model().equals(lookup.hit().model())) return o;
        }
        return plan.options().getFirst();
    }

    /** The log's cache part: null when the variant does not cache; saved cost and age only for a hit. */
    static RequestLog.Cache logged(CacheLookup lookup) {
        String status = lookup.status();
        if (status == null) return null;
        return lookup.isHit() ? new RequestLog.Cache(status, lookup.savedUsd(), lookup.ageMillis())
                : new RequestLog.Cache(status, null, null);
    }
}
