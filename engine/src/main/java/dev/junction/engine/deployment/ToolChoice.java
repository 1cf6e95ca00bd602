package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * Whether and which tool the model must call: {@code auto} (it decides), {@code none} (it must not),
 * {@code required} (it must call one) or {@code function} with a {@code name} (it must call that one).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolChoice(String mode, String name) {
    public static final ToolChoice AUTO = new ToolChoice("auto", null);
    public static final ToolChoice NONE = new ToolChoice("none", null);
    public static final ToolChoice REQUIRED = new ToolChoice("required", null);

    public ToolChoice {
        mode = mode == null ? null : mode.toLowerCase(Locale.ROOT);
    }

    public static ToolChoice function(String name) {
        return new ToolChoice("function", name);
    }

    public boolean forcesOne() {
        return "function".equals(mode);
    }
}
