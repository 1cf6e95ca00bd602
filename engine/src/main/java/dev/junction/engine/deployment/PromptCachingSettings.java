package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Provider prompt caching for a variant's fixed prefix (its tools, system prompt and template messages before the
 * caller's): on by default (a variant without this setting caches); {@code enabled: false} turns it off;
 * {@code ttl} chooses Anthropic's cache lifetime, {@code 5m} (default) or {@code 1h}. OpenAI and Gemini cache on
 * their own; Junction only reports their cached tokens.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptCachingSettings(boolean enabled, String ttl) {
    public static final PromptCachingSettings DEFAULT = new PromptCachingSettings(true, null);
    public static final List<String> TTLS = List.of("5m", "1h");

    @JsonIgnore
    public String effectiveTtl() {
        return ttl == null ? "5m" : ttl;
    }
}
