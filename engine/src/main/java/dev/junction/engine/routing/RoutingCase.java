package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A routing test case, stored with the deployment: this context must go to {@code expectVariant}, and, when
 * {@code expectRule} is set, through that rule ({@code "default"} for the default variant).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingTest(String name, Map<String, Object> context, String expectVariant, String expectRule) {
    public static final String DEFAULT_RULE = "default";

    public RoutingTest {
        context = context == null ? Map.of() : context;
    }
}
