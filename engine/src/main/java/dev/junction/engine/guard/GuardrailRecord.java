package dev.junction.engine.guard;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What one guardrail did on one request, as its log entry shows it: {@code result} {@code pass}, {@code fail} or
 * {@code error}; {@code taken} the action taken ({@code block}, {@code redact}, {@code fallback}, {@code flag}; null
 * when it passed, or erred and failed open); {@code reason} why (never the text it found); {@code found} the kinds
 * of what it found ({@code email}, {@code card}, {@code deny}...); {@code micros} the time it took.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GuardrailRecord(String name, String kind, String stage, String result, String taken, String reason,
                              List<String> found, long micros) {
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";

    /**
     * The reason the caller and the request's error may show: a detector's or a local check's; never a judge's or a
     * callout's words, which may quote what they read (null then).
     */
    public String publicReason() {
        return dev.junction.engine.deployment.GuardrailSpec.REMOTE_KINDS.contains(kind) ? null : reason;
    }
}
