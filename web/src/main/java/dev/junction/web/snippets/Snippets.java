package dev.junction.web.snippets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Template;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.Examples;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Code that calls one variant of a live deployment: Python and Node (the official Orquesta SDKs) and cURL. Pure:
 * no I/O. The context comes from the routing rules that target the variant (their equality conditions) or, for the
 * default variant, is one no rule matches; each candidate is checked with the live router, and when none routes
 * to the variant the answer says so ({@code routable: false} and a comment) instead of showing a wrong context.
 * The API key always comes from the environment ({@code ORQ_API_KEY}).
 *
 * <p>When the variant's primary model has tools, each snippet is a tool loop: the answer's message is
 * {@code type: "tool_calls"} while the model asks for tools, and the code runs each call (a {@code run_tool} stub
 * naming the variant's tools, to be replaced) and invokes again with the conversation so far appended as
 * {@code messages}: the assistant turn with its {@code tool_calls} ({@code id}, {@code type: "function"},
 * {@code function.name}, {@code function.arguments}) and one {@code tool} message per call with its
 * {@code tool_call_id}, as the Orquesta SDKs type them (camelCase in Node, snake_case in Python and on the wire).
 * At most {@link #MAX_TOOL_ROUNDS} rounds, so a model that keeps calling tools cannot loop for ever.
 */
public final class Snippets {
    /** The sample value of a prompt variable that has no default. */
    public static final String SAMPLE = "...";
    /** How many times a snippet's tool loop sends tool results back at most. */
    public static final int MAX_TOOL_ROUNDS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Result(String python, String node, String curl, Map<String, Object> context,
                         Map<String, Object> inputs, boolean routable) {}

    private Snippets() {}

    /**
     * @param spec      the live version's spec
     * @param version   its label, {@code v3}
     * @param router    the live version's router
     * @param variant   a variant of {@code spec}
     * @param serverUrl the gateway's base URL, without a trailing slash
     */
    public static Result generate(DeploymentSpec spec, String version, Router router, Variant variant, String serverUrl) {
        Map<String, Object> context = null;
        for (Map<String, Object> candidate : candidates(spec, variant)) {
            if (router.route(candidate).variant().equals(variant.key())) {
                context = candidate;
                break;
            }
        }
        boolean routable = context != null;
        if (!routable) context = Map.of();
        Map<String, Object> inputs = inputs(variant);
        String note = routable ? null
                : "No context routes to variant '" + variant.key() + "' in " + spec.key() + " " + version
                  + " (rules before it or the default catch every candidate): this call gets another variant.";
        String header = "Calls " + spec.key() + " (" + version + "), variant '" + variant.key() + "'.";
        List<String> tools = tools(variant);
        if (!tools.isEmpty()) {
            return new Result(ToolLoopSnippets.python(spec.key(), context, inputs, serverUrl, header, note, tools),
                    ToolLoopSnippets.node(spec.key(), context, inputs, serverUrl, header, note, tools),
                    ToolLoopSnippets.curl(spec.key(), context, inputs, serverUrl, header, note, tools),
                    context, inputs, routable);
        }
        return new Result(python(spec.key(), context, inputs, serverUrl, header, note),
                node(spec.key(), context, inputs, serverUrl, header, note),
                curl(spec.key(), context, inputs, serverUrl, header, note),
                context, inputs, routable);
    }

    /** The names of the tools of the variant's primary model (its fallback takes the same conversation). */
    static List<String> tools(Variant variant) {
        if (variant.primary() == null || variant.primary().parameters() == null
                || variant.primary().parameters().tools() == null) return List.of();
        return variant.primary().parameters().tools().stream().map(dev.junction.engine.deployment.ToolSpec::name).toList();
    }

    /** Contexts that may route to the variant, best first. */
    static List<Map<String, Object>> candidates(DeploymentSpec spec, Variant variant) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (variant.key().equals(spec.routing().defaultVariant())) out.add(Map.of());
        for (RoutingRule rule : spec.routing().rules()) {
            if (!rule.enabled() || !variant.key().equals(rule.variant())) continue;
            Examples.satisfying(rule, spec.routingSchema()).ifPresent(out::add);
        }
        return out;
    }

    /** The variables the prompt uses that have no default, each with a sample value. */
    static Map<String, Object> inputs(Variant variant) {
        Set<String> used = new LinkedHashSet<>();
        for (PromptMessage m : variant.messages()) used.addAll(Template.variablesOf(m));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : used) {
            if (!variant.variableDefaults().containsKey(name)) out.put(name, SAMPLE);
        }
        return out;
    }

    static String python(String key, Map<String, Object> context, Map<String, Object> inputs, String serverUrl,
                         String header, String note) {
        StringBuilder out = new StringBuilder();
        comment(out, "# ", header, note);
        out.append("import os\n\nfrom orq_ai_sdk import Orq\n\n")
           .append(pythonClient(serverUrl))
           .append("    generation = orq.deployments.invoke(\n")
           .append("        key=").append(str(key)).append(",\n")
           .append("        context=").append(pythonDict(context)).append(",\n")
           .append("        inputs=").append(pythonDict(inputs)).append(",\n")
           .append("    )\n")
           .append("    print(generation.choices[0].message.content)\n");
        return out.toString();
    }

    static String node(String key, Map<String, Object> context, Map<String, Object> inputs, String serverUrl,
                       String header, String note) {
        StringBuilder out = new StringBuilder();
        comment(out, "// ", header, note);
        out.append(nodeClient(serverUrl))
           .append("const result = await orq.deployments.invoke({\n")
           .append("  key: ").append(str(key)).append(",\n")
           .append("  context: ").append(json(context)).append(",\n")
           .append("  inputs: ").append(json(inputs)).append(",\n")
           .append("});\n\n")
           .append("console.log(result?.choices[0]?.message?.content);\n");
        return out.toString();
    }

    static String curl(String key, Map<String, Object> context, Map<String, Object> inputs, String serverUrl,
                       String header, String note) {
        Map<String, Object> body = invokeBody(key, context, inputs);
        StringBuilder out = new StringBuilder();
        comment(out, "# ", header, note);
        out.append("curl -s ").append(shellQuote(serverUrl + "/v2/deployments/invoke")).append(" \\\n")
           .append("  -H \"Authorization: Bearer $ORQ_API_KEY\" \\\n")
           .append("  -H 'Content-Type: application/json' \\\n")
           .append("  -d ").append(shellQuote(json(body))).append('\n');
        return out.toString();
    }

    /** The snippet's first lines: its header and note as comments starting with {@code prefix}. */
    static void comment(StringBuilder out, String prefix, String header, String note) {
        out.append(prefix).append(header).append('\n');
        if (note != null) out.append(prefix).append(note).append('\n');
    }

    /** The Node SDK's import and client, on {@code serverUrl}. */
    static String nodeClient(String serverUrl) {
        return "import { Orq } from \"@orq-ai/node\";\n\n"
                + "const orq = new Orq({\n"
                + "  apiKey: process.env.ORQ_API_KEY,\n"
                + "  serverURL: " + str(serverUrl) + ",\n"
                + "});\n\n";
    }

    /** The Python SDK's client block opening, on {@code serverUrl}. */
    static String pythonClient(String serverUrl) {
        return "with Orq(api_key=os.environ[\"ORQ_API_KEY\"], server_url=" + str(serverUrl) + ") as orq:\n";
    }

    /** The invoke request's body: the key, the context and the inputs. */
    static Map<String, Object> invokeBody(String key, Map<String, Object> context, Map<String, Object> inputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", key);
        body.put("context", context);
        body.put("inputs", inputs);
        return body;
    }

    /** A JSON (and JavaScript) literal. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string literal valid in JSON, JavaScript and Python. */
    static String str(String value) {
        return json(value);
    }

    /** A Python dict of strings, numbers and booleans. */
    static String pythonDict(Map<String, Object> map) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!first) out.append(", ");
            first = false;
            out.append(str(e.getKey())).append(": ").append(pythonValue(e.getValue()));
        }
        return out.append('}').toString();
    }

    private static String pythonValue(Object value) {
        if (value == null) return "None";
        if (value instanceof Boolean b) return b ? "True" : "False";
        if (value instanceof Number n) return n.toString();
        return str(value.toString());
    }

    /** Single-quoted for a POSIX shell: a quote inside becomes '\''. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
