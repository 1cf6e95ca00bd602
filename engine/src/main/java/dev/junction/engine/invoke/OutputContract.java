package dev.junction.engine.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.junction.engine.deployment.JsonSchemas;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.support.Jackson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a model's answer must be before it reaches the client, from the parameters it was called with. Validation is
 * on when those parameters ask for a contract, and only then:
 * <ul>
 *   <li>a {@code json_schema} response format (strict or not): the answer's text must be JSON valid against the
 *       schema;</li>
 *   <li>a {@code json_object} response format: the text must be a JSON object;</li>
 *   <li>a tool with {@code strict: true}: a call to it must have arguments valid against its parameters.</li>
 * </ul>
 * With a contract, every tool call must also name a tool of the call's {@code tools} and have arguments that are a
 * JSON object; an answer made only of tool calls (no text) is not held to the response format, a turn that calls
 * tools being no final answer. Without one (plain text, non-strict tools), nothing is checked and streams flow as
 * they arrive.
 * <p>A broken contract is a failure of reason {@code invalid_output}: the attempt is recorded with its usage (the
 * provider bills it) and a message naming the first problems (paths and rules, never the answer itself), and the
 * model is retried, then the fallback is tried, like a provider error. A contract streams all at once: see
 * {@link ModelOption}.
 * <p>Built once per model when a version is activated (the schemas compiled then); a request whose overrides change
 * the tools or the response format gets its own, its schemas compiled once each and cached ({@link JsonSchemas}).
 */
final class OutputContract {
    static final OutputContract NONE = new OutputContract(false, null, null, false, Set.of(), Map.of(), null);
    /** Problems a failure message names at most. */
    private static final int NAMED = 3;
    private static final int MAX_MESSAGE = 600;
    private static final ObjectMapper JSON = Jackson.mapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final boolean applies;
    private final JsonSchemas.Compiled responseSchema;
    private final String schemaName;
    private final boolean jsonObject;
    private final Set<String> tools;
    private final Map<String, JsonSchemas.Compiled> strictTools;
    /** Why a schema of the contract cannot be used (a version stored before it was checked): every answer fails. */
    private final String unusable;

    private OutputContract(boolean applies, JsonSchemas.Compiled responseSchema, String schemaName, boolean jsonObject,
                           Set<String> tools, Map<String, JsonSchemas.Compiled> strictTools, String unusable) {
        this.applies = applies;
        this.responseSchema = responseSchema;
        this.schemaName = schemaName;
        this.jsonObject = jsonObject;
        this.tools = tools;
        this.strictTools = strictTools;
        this.unusable = unusable;
    }

    static OutputContract of(ModelParameters p) {
        String format = p.responseFormatType();
        boolean schema = "json_schema".equals(format);
        boolean object = "json_object".equals(format);
        boolean strict = p.tools() != null && p.tools().stream().anyMatch(t -> t != null && Boolean.TRUE.equals(t.strict()));
        if (!schema && !object && !strict) return NONE;
        List<String> unusable = new ArrayList<>();
        JsonSchemas.Compiled compiled = null;
        if (schema) {
            compiled = compile(p.responseSchema(), "the response format's schema", unusable);
        }
        Set<String> names = new HashSet<>();
        Map<String, JsonSchemas.Compiled> strictTools = new HashMap<>();
        if (p.tools() != null) {
            for (ToolSpec t : p.tools()) {
                if (t == null) continue;
                names.add(t.name());
                if (Boolean.TRUE.equals(t.strict()) && t.parameters() != null) {
                    JsonSchemas.Compiled c = compile(t.parameters(), "tool " + t.name() + "'s parameters", unusable);
                    if (c != null) strictTools.put(t.name(), c);
                }
            }
        }
        return new OutputContract(true, compiled, schema ? p.responseSchemaName() : null, object, Set.copyOf(names),
                Map.copyOf(strictTools), unusable.isEmpty() ? null : unusable.getFirst());
    }

    private static JsonSchemas.Compiled compile(Map<String, Object> schema, String what, List<String> unusable) {
        if (schema == null) {
            unusable.add(what + " is missing");
            return null;
        }
        try {
            return JsonSchemas.compile(schema);
        } catch (IllegalArgumentException e) {
            unusable.add(what + " cannot be used: " + e.getMessage());
            return null;
        }
    }

    /** Whether answers are checked (and so a stream is held back until its answer is). */
    boolean applies() {
        return applies;
    }

    /** The broken contract, or null when the answer keeps it (always null without a contract). */
    ProviderFailure.InvalidOutput check(ChatResponse response) {
        if (!applies) return null;
        if (unusable != null) return new ProviderFailure.InvalidOutput("not checked: " + unusable);
        List<String> problems = new ArrayList<>();
        if ((schemaName != null || jsonObject)
                && (!response.content().isEmpty() || !response.hasToolCalls())) {
            text(response.content(), problems);
        }
        for (int i = 0; i < response.toolCalls().size() && problems.size() < NAMED; i++) {
            toolCall(i, response.toolCalls().get(i), problems);
        }
        if (problems.isEmpty()) return null;
        String message = String.join("; ", problems.subList(0, Math.min(NAMED, problems.size())));
        if (problems.size() > NAMED) message += "; ...";
        if (message.length() > MAX_MESSAGE) message = message.substring(0, MAX_MESSAGE) + "...";
        return new ProviderFailure.InvalidOutput(message);
    }

    private void text(String content, List<String> problems) {
        if (responseSchema != null) {
            List<JsonSchemas.Problem> found = responseSchema.validate(content);
            if (!found.isEmpty()) problems.add("the answer does not match the response format's schema '" + schemaName
                    + "': " + describe(found));
            return;
        }
        JsonNode node = parse(content, "the answer", problems);
        if (node != null && !node.isObject()) problems.add("the answer is JSON but not an object (json_object)");
    }

    private void toolCall(int i, ToolCall call, List<String> problems) {
        String which = "tool call " + i + " (" + call.name() + ")";
        if (!tools.contains(call.name())) {
            problems.add(which + ": no such tool" + (tools.isEmpty() ? " (none declared)" : ""));
            return;
        }
        JsonNode args = parse(call.arguments(), which + ": the arguments", problems);
        if (args == null) return;
        if (!args.isObject()) {
            problems.add(which + ": the arguments are not a JSON object");
            return;
        }
        JsonSchemas.Compiled schema = strictTools.get(call.name());
        if (schema == null) return;
        List<JsonSchemas.Problem> found = schema.validate(args);
        if (!found.isEmpty()) problems.add(which + ": the arguments do not match its parameters: " + describe(found));
    }

    private static JsonNode parse(String text, String what, List<String> problems) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                problems.add(what + " is empty, not JSON");
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            problems.add(what + " is not JSON (" + JsonSchemas.where(e) + ")");
            return null;
        }
    }

    private static String describe(List<JsonSchemas.Problem> found) {
        List<String> first = found.stream().limit(NAMED).map(JsonSchemas.Problem::toString).toList();
        return String.join(", ", first) + (found.size() > NAMED ? ", ..." : "");
    }
}
