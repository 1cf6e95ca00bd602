package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A variant of a deployment: its prompt (messages with {@code {{variables}}}, and defaults for those variables),
 * its primary model and an optional fallback model with its own, independent configuration.
 * Notes are for people and never reach a model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(String key, List<PromptMessage> messages, Map<String, String> variables,
                      ModelConfig primary, ModelConfig fallback, String notes,
                      ResponseCacheSettings cache, PromptCachingSettings promptCaching,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GuardrailSpec> guardrails,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<GuardrailSpec> evaluators) {
    public Variant {
        messages = messages == null ? List.of() : List.copyOf(messages);
        variables = variables == null ? null : Map.copyOf(variables);
        guardrails = guardrails == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(guardrails));
        evaluators = evaluators == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(evaluators));
    }

    public Variant(String key, List<PromptMessage> messages, Map<String, String> variables,
                   ModelConfig primary, ModelConfig fallback, String notes,
                   ResponseCacheSettings cache, PromptCachingSettings promptCaching) {
        this(key, messages, variables, primary, fallback, notes, cache, promptCaching, null, null);
    }

    public Variant(String key, List<PromptMessage> messages, Map<String, String> variables,
                   ModelConfig primary, ModelConfig fallback, String notes) {
        this(key, messages, variables, primary, fallback, notes, null, null);
    }

    public Variant(String key, List<PromptMessage> messages, ModelConfig primary, ModelConfig fallback, String notes) {
        this(key, messages, null, primary, fallback, notes);
    }

    /** The same variant with this response cache setting (null: no cache). */
    public Variant withCache(ResponseCacheSettings settings) {
        return new Variant(key, messages, variables, primary, fallback, notes, settings, promptCaching, guardrails, evaluators);
    }

    /** The same variant with this prompt caching setting (null: the default, on). */
    public Variant withPromptCaching(PromptCachingSettings settings) {
        return new Variant(key, messages, variables, primary, fallback, notes, cache, settings, guardrails, evaluators);
    }

    /** Whether answers of this variant are cached ({@link ResponseCacheSettings}; off by default). */
    public boolean caches() {
        return cache != null && cache.enabled();
    }

    /** The prompt caching setting in force: the variant's, or the default (on, Anthropic's 5-minute TTL). */
    public PromptCachingSettings promptCachingOrDefault() {
        return promptCaching == null ? PromptCachingSettings.DEFAULT : promptCaching;
    }

    /** The same variant with these guardrails and evaluators. */
    public Variant withChecks(List<GuardrailSpec> newGuardrails, List<GuardrailSpec> newEvaluators) {
        return new Variant(key, messages, variables, primary, fallback, notes, cache, promptCaching, newGuardrails, newEvaluators);
    }

    /** The default value of each variable that has one. */
    public Map<String, String> variableDefaults() {
        return variables == null ? Map.of() : variables;
    }

    /** The models to try, in order: the primary, then the fallback when there is one. */
    public List<ModelConfig> options() {
        return fallback == null ? List.of(primary) : List.of(primary, fallback);
    }
}
