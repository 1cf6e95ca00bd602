package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One case of a deployment's routing tests (the spec's {@code "tests"}, versioned with it): this context must go to
 * {@code expectVariant}, and, when {@code expectRule} is set, through that rule ({@code "default"} for the default
 * variant). {@link RoutingCaseRunner} runs them; a deploy is refused when one fails. With {@code text} (a user
 * message) the case also runs the input guardrails of the row and variant it reached on that text, and {@code expect}
 * says what they must do: {@code passes}, {@code blocked by NAME}, {@code redacted by NAME}, {@code flagged by NAME}
 * or {@code fallback by NAME} (see {@code guard.GuardrailCases}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingCase(String name, Map<String, Object> context, String expectVariant, String expectRule,
                          String text, String expect) {
    public static final String DEFAULT_RULE = "default";

    public RoutingCase {
        context = context == null ? Map.of() : context;
    }

    public RoutingCase(String name, Map<String, Object> context, String expectVariant, String expectRule) {
        this(name, context, expectVariant, expectRule, null, null);
    }
}
