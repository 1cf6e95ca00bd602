package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A guardrail of a variant or a routing row, or (with {@code sampleRate}) an evaluator of a variant, as written in the
 * spec: one flat object whose {@code kind} says which of the other fields it reads. {@link GuardrailChecks} validates
 * it, naming each field by its path; the runtime form is {@code dev.junction.engine.guard.Guardrail}.
 *
 * <ul>
 *   <li>{@code kind}: {@code pii} ({@code pii}: kinds, all when left out), {@code deny_list} ({@code terms},
 *       {@code wholeWords}, default true), {@code regex} ({@code pattern}, RE2 syntax), {@code json_schema}
 *       ({@code schema}), {@code length} ({@code minChars}, {@code maxChars}), {@code language} ({@code languages}: ISO
 *       639-1 codes allowed), {@code judge} ({@code deployment}: another deployment's key, whose answer says pass or
 *       fail, or a score), {@code http} ({@code url}, {@code timeoutMs}).</li>
 *   <li>{@code stage}: {@code input}, {@code output} or {@code both} (guardrails only; evaluators read the answer).</li>
 *   <li>{@code action}: {@code block}, {@code redact}, {@code fallback} or {@code flag} (guardrails only).</li>
 *   <li>{@code onError}: {@code open} (the text passes) or {@code closed} (the guardrail's action is taken), when the
 *       check itself fails or times out; default {@code closed}.</li>
 *   <li>{@code sampleRate}: for an evaluator, the share of answered requests it scores, 0 to 1.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardrailSpec(String name, String kind, String stage, String action, String onError,
                            List<String> pii, List<String> terms, Boolean wholeWords, String pattern,
                            Map<String, Object> schema, Integer minChars, Integer maxChars, List<String> languages,
                            String deployment, String url, Integer timeoutMs, Double sampleRate) {

    public static final List<String> KINDS = List.of("pii", "deny_list", "regex", "json_schema", "length", "language",
            "judge", "http");
    public static final List<String> STAGES = List.of("input", "output", "both");
    public static final List<String> ACTIONS = List.of("block", "redact", "fallback", "flag");
    public static final List<String> ON_ERROR = List.of("open", "closed");
    /** The kinds whose verdict comes from outside the gateway (a model, a service): they can fail or time out. */
    public static final List<String> REMOTE_KINDS = List.of("judge", "http");
    public static final int DEFAULT_TIMEOUT_MS = 2_000;
    public static final int MAX_TIMEOUT_MS = 30_000;

    /** Whether it checks what the caller sent. */
    public boolean checksInput() {
        return "input".equals(stage) || "both".equals(stage);
    }

    /** Whether it checks the model's answer. */
    public boolean checksOutput() {
        return "output".equals(stage) || "both".equals(stage);
    }

    /** Whether a failing or timed-out check lets the text pass. */
    public boolean failsOpen() {
        return "open".equals(onError);
    }

    /** The time a remote check may take. */
    public int timeoutMsOrDefault() {
        return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }
}
