package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One case of a deployment's routing tests (the spec's {@code "tests"}, versioned with it): this context must go to
 * {@code expectVariant}, and, when {@code expectRule} is set, through that rule ({@code "default"} for the default
 * variant). {@link RoutingCaseRunner} runs them; a deploy is refused when one fails.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingCase(String name, Map<String, Object> context, String expectVariant, String expectRule) {
    public static final String DEFAULT_RULE = "default";

    public RoutingCase {
        context = context == null ? Map.of() : context;
    }
}
