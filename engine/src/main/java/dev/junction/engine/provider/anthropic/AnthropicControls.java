package dev.junction.engine.provider.anthropic;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a call's parameters make of the Messages API's controls: {@code max_tokens}, sampling, {@code tools},
 * {@code tool_choice}, {@code thinking}, and JSON output. Pure; a combination Anthropic refuses is refused here, before
 * sending, with {@link dev.junction.engine.provider.ProviderFailure.Unsupported} naming the parameter.
 * <p><b>Reasoning.</b> {@code thinkingBudget} is sent as {@code thinking: {type: enabled, budget_tokens}} (0 or less:
 * no thinking; below Anthropic's minimum of {@value #MIN_BUDGET}: refused). With only {@code reasoningEffort}, the
 * budget is {@link #budgetOf(String)}: {@code minimal} (and {@code none}) 0, i.e. no thinking, {@code low}
 * {@value #LOW}, {@code medium} {@value #MEDIUM}, {@code high} {@value #HIGH}. Anthropic counts thinking inside
 * {@code max_tokens} and wants {@code max_tokens} above the budget, so with thinking {@code max_tokens} is the
 * variant's {@code maxTokens} (else {@value AnthropicMapper#DEFAULT_MAX_TOKENS}) <em>plus</em> the budget: the
 * variant's limit stays the room for the answer, as with OpenAI's reasoning models (a sum above the model's output
 * limit is Anthropic's 400 to give). With thinking Anthropic takes no {@code temperature} but 1, no {@code top_k},
 * {@code top_p} only from 0.95, and no forced tool: each is refused by name, never dropped.
 * <p><b>Tools.</b> {@code {name, description, input_schema, strict}} (a tool without parameters gets
 * {@code {type: object, properties: {}}}); {@code tool_choice} {@code auto} → {@code {type: auto}},
 * {@code required} → {@code {type: any}}, {@code function} → {@code {type: tool, name}}, {@code none} →
 * {@code {type: none}}; {@code parallelToolCalls: false} → {@code disable_parallel_tool_use: true} on the choice
 * ({@code {type: auto}} when none was set). No tools: neither is sent ({@code required} or {@code function} without
 * tools is refused).
 * <p><b>JSON output.</b> This API version has no {@code response_format}, so JSON comes through a forced tool, the
 * <em>JSON tool</em>: {@code json_schema} → a tool named {@code json_schema.name} (else {@code response}) whose
 * {@code input_schema} is the schema (it must be an object schema, as every tool input is) and {@code strict} the
 * format's; {@code json_object} → a tool {@value #JSON_OBJECT_TOOL} of schema {@code {type: object}}. Its input is the
 * answer's text ({@link AnthropicMapper#fromJson}, {@link AnthropicStreamMapper}), never a tool call. The choice:
 * {@code {type: tool, name: <JSON tool>}} when the variant has no tools of its own (or {@code tool_choice: none});
 * with tools, the JSON tool is added to them and the choice is {@code {type: any}}, so the model either calls one of
 * its tools or answers in JSON, never in free text ({@code function} keeps forcing that tool). Since Anthropic allows
 * no forced tool with thinking, JSON output with thinking is refused: turn one of them off for Anthropic models.
 */
final class AnthropicControls {
    static final int MIN_BUDGET = 1024;
    static final int LOW = 1024;
    static final int MEDIUM = 4096;
    static final int HIGH = 16384;
    /** The JSON tool's name for a {@code json_object} response format. */
    static final String JSON_OBJECT_TOOL = "json_response";
    private static final String JSON_TOOL_DESCRIPTION = "Give your final answer by calling this tool: its input is the answer, as JSON matching the schema.";

    /** The controls of one request; {@code jsonTool} is the JSON tool's name, or null when the answer is free text. */
    record Controls(int maxTokens, Double temperature, Double topP, Integer topK, List<AnthropicWire.Tool> tools,
                    AnthropicWire.ToolChoice toolChoice, AnthropicWire.Thinking thinking, String jsonTool) {
    }

    private AnthropicControls() {
    }

    /** @throws dev.junction.engine.provider.ProviderException ({@code Unsupported}) for what Anthropic refuses */
    static Controls of(ModelParameters p) {
        int budget = budget(p);
        int answer = p.maxTokens() != null && p.maxTokens() > 0 ? p.maxTokens() : AnthropicMapper.DEFAULT_MAX_TOKENS;
        if (budget > 0) sampling(p);
        AnthropicWire.Tool json = jsonTool(p);
        List<AnthropicWire.Tool> tools = new ArrayList<>();
        if (p.tools() != null) {
            for (ToolSpec t : p.tools()) {
                if (json != null && t.name().equals(json.name())) {
                    throw AnthropicContent.unsupported("response_format.json_schema.name: '" + json.name()
                            + "' is also a tool's name; Anthropic answers in JSON through a tool of that name");
                }
                tools.add(tool(t));
            }
        }
        boolean ownTools = !tools.isEmpty();
        if (json != null) tools.add(json);
        AnthropicWire.ToolChoice choice = choice(p, ownTools, json);
        if (budget > 0 && choice != null && choice.forcesTool()) {
            throw AnthropicContent.unsupported(json != null
                    ? "response_format: Anthropic returns JSON through a forced tool call, which it does not allow with extended thinking "
                      + "(reasoning_effort / thinking_budget); turn one of them off for this model"
                    : "tool_choice: Anthropic cannot force a tool call with extended thinking (reasoning_effort / thinking_budget)");
        }
        return new Controls(budget > 0 ? answer + budget : answer, p.temperature(), p.topP(), p.topK(),
                tools.isEmpty() ? null : List.copyOf(tools), choice,
                budget > 0 ? AnthropicWire.Thinking.enabled(budget) : null, json == null ? null : json.name());
    }

    /** The JSON tool's name for these parameters, or null: how an answer is read. */
    static String jsonToolName(ModelParameters p) {
        return switch (p.responseFormatType() == null ? "text" : p.responseFormatType()) {
            case "json_schema" -> p.responseSchemaName();
            case "json_object" -> JSON_OBJECT_TOOL;
            default -> null;
        };
    }

    /** The thinking budget, 0 for none. */
    static int budget(ModelParameters p) {
        if (p.thinkingBudget() != null) {
            int budget = p.thinkingBudget();
            if (budget <= 0) return 0;
            if (budget < MIN_BUDGET) {
                throw AnthropicContent.unsupported("thinking_budget: " + budget + " is below Anthropic's minimum of " + MIN_BUDGET + " tokens");
            }
            return budget;
        }
        return p.reasoningEffort() == null ? 0 : budgetOf(p.reasoningEffort());
    }

    /** The documented budget of an effort: minimal/none 0, low 1024, medium 4096, high 16384. */
    static int budgetOf(String effort) {
        return switch (effort.strip().toLowerCase(Locale.ROOT)) {
            case "none", "minimal" -> 0;
            case "low" -> LOW;
            case "medium" -> MEDIUM;
            case "high" -> HIGH;
            default -> throw AnthropicContent.unsupported("reasoning_effort: '" + effort + "' is not one of minimal, low, medium, high");
        };
    }

    /** Anthropic's sampling rules with thinking. */
    private static void sampling(ModelParameters p) {
        String with = " with extended thinking (reasoning_effort / thinking_budget)";
        if (p.temperature() != null && p.temperature() != 1.0) {
            throw AnthropicContent.unsupported("temperature: Anthropic takes no temperature but 1" + with);
        }
        if (p.topK() != null) throw AnthropicContent.unsupported("top_k: Anthropic takes no top_k" + with);
        if (p.topP() != null && p.topP() < 0.95) {
            throw AnthropicContent.unsupported("top_p: Anthropic takes top_p only from 0.95 to 1" + with);
        }
    }

    private static AnthropicWire.Tool tool(ToolSpec t) {
        Map<String, Object> schema = t.parameters() != null ? t.parameters() : Map.of("type", "object", "properties", Map.of());
        return new AnthropicWire.Tool(t.name(), t.description(), schema, t.strict());
    }

    private static AnthropicWire.Tool jsonTool(ModelParameters p) {
        String type = p.responseFormatType();
        if (type == null || type.equals("text")) return null;
        return switch (type) {
            case "json_object" -> new AnthropicWire.Tool(JSON_OBJECT_TOOL, JSON_TOOL_DESCRIPTION, Map.of("type", "object"), null);
            case "json_schema" -> {
                Map<String, Object> schema = p.responseSchema();
                if (schema == null) throw AnthropicContent.unsupported("response_format.json_schema.schema: missing");
                if (!"object".equals(schema.get("type"))) {
                    throw AnthropicContent.unsupported("response_format.json_schema.schema: Anthropic answers in JSON through a tool, "
                            + "whose input must be an object schema (type: object)");
                }
                Map<?, ?> format = (Map<?, ?>) p.responseFormat().get("json_schema");
                String description = format.get("description") instanceof String d && !d.isBlank() ? d : JSON_TOOL_DESCRIPTION;
                Boolean strict = format.get("strict") instanceof Boolean s ? s : null;
                yield new AnthropicWire.Tool(p.responseSchemaName(), description, schema, strict);
            }
            default -> throw AnthropicContent.unsupported("response_format.type: '" + type + "' is not one of text, json_object, json_schema");
        };
    }

    private static AnthropicWire.ToolChoice choice(ModelParameters p, boolean ownTools, AnthropicWire.Tool json) {
        ToolChoice choice = p.toolChoice();
        String mode = choice == null || choice.mode() == null ? null : choice.mode();
        Boolean single = Boolean.FALSE.equals(p.parallelToolCalls()) ? Boolean.TRUE : null;
        if (!ownTools && mode != null && (mode.equals("required") || mode.equals("function"))) {
            throw AnthropicContent.unsupported("tool_choice: '" + mode + "' but the request has no tools");
        }
        if (json != null) {
            if (!ownTools || "none".equals(mode)) return new AnthropicWire.ToolChoice("tool", json.name(), single);
            if ("function".equals(mode)) return new AnthropicWire.ToolChoice("tool", choice.name(), single);
            return new AnthropicWire.ToolChoice("any", null, single);
        }
        if (!ownTools) return null;
        if (mode == null) return single == null ? null : new AnthropicWire.ToolChoice("auto", null, single);
        return switch (mode) {
            case "auto" -> new AnthropicWire.ToolChoice("auto", null, single);
            case "required" -> new AnthropicWire.ToolChoice("any", null, single);
            case "function" -> new AnthropicWire.ToolChoice("tool", choice.name(), single);
            case "none" -> new AnthropicWire.ToolChoice("none", null, null);
            default -> throw AnthropicContent.unsupported("tool_choice: '" + mode + "' is not one of auto, none, required, function");
        };
    }
}
