package dev.junction.engine.guard;

/**
 * What a guardrail does when its check fails: refuse the request ({@code block}), mask what it found
 * ({@code redact}), try the variant's next model ({@code fallback}), or only record it ({@code flag}).
 */
public enum GuardAction {
    BLOCK, REDACT, FALLBACK, FLAG;

    public static GuardAction of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
