package dev.junction.web.snippets;

import static dev.junction.web.snippets.Snippets.comment;
import static dev.junction.web.snippets.Snippets.invokeBody;
import static dev.junction.web.snippets.Snippets.json;
import static dev.junction.web.snippets.Snippets.nodeClient;
import static dev.junction.web.snippets.Snippets.pythonClient;
import static dev.junction.web.snippets.Snippets.pythonDict;
import static dev.junction.web.snippets.Snippets.shellQuote;
import static dev.junction.web.snippets.Snippets.str;

import java.util.List;
import java.util.Map;

/**
 * The snippets of a variant with tools: a tool loop in Python and Node with the official Orquesta SDKs, and in cURL
 * (with {@code jq}) the first call and the second one sending the tool results back. See {@link Snippets}.
 */
final class ToolLoopSnippets {
    private ToolLoopSnippets() {}

    static String python(String key, Map<String, Object> context, Map<String, Object> inputs, String serverUrl,
                         String header, String note, List<String> tools) {
        StringBuilder out = new StringBuilder();
        comment(out, "# ", header, note);
        out.append("import json\nimport os\n\nfrom orq_ai_sdk import Orq\n\n\n")
           .append("def run_tool(name, args):\n")
           .append("    \"\"\"Runs a tool the model asked for and returns its result as text: replace with your code.\"\"\"\n");
        for (String tool : tools) {
            out.append("    if name == ").append(str(tool)).append(":\n")
               .append("        return json.dumps({\"tool\": ").append(str(tool)).append(", \"args\": args})\n");
        }
        out.append("    raise ValueError(f\"unknown tool {name}\")\n\n\n")
           .append(pythonClient(serverUrl))
           .append("    request = dict(\n")
           .append("        key=").append(str(key)).append(",\n")
           .append("        context=").append(pythonDict(context)).append(",\n")
           .append("        inputs=").append(pythonDict(inputs)).append(",\n")
           .append("    )\n")
           .append("    messages = []\n")
           .append("    message = orq.deployments.invoke(**request).choices[0].message\n")
           .append("    for _ in range(").append(Snippets.MAX_TOOL_ROUNDS).append("):\n")
           .append("        if message.type != \"tool_calls\":\n")
           .append("            break\n")
           .append("        # the model asked for tools: send its calls and their results back\n")
           .append("        content = message.content if isinstance(message.content, str) else None\n")
           .append("        messages.append({\"role\": \"assistant\", \"content\": content, \"tool_calls\": [\n")
           .append("            {\"id\": call.id, \"type\": \"function\",\n")
           .append("             \"function\": {\"name\": call.function.name, \"arguments\": call.function.arguments}}\n")
           .append("            for call in message.tool_calls]})\n")
           .append("        for call in message.tool_calls:\n")
           .append("            result = run_tool(call.function.name, json.loads(call.function.arguments or \"{}\"))\n")
           .append("            messages.append({\"role\": \"tool\", \"tool_call_id\": call.id, \"content\": result})\n")
           .append("        message = orq.deployments.invoke(**request, messages=messages).choices[0].message\n")
           .append("    print(message.content)\n");
        return out.toString();
    }

    static String node(String key, Map<String, Object> context, Map<String, Object> inputs, String serverUrl,
                       String header, String note, List<String> tools) {
        StringBuilder out = new StringBuilder();
        comment(out, "// ", header, note);
        out.append(nodeClient(serverUrl))
           .append("// Runs a tool the model asked for and returns its result as text: replace with your code.\n")
           .append("function runTool(name, args) {\n")
           .append("  switch (name) {\n");
        for (String tool : tools) {
            out.append("    case ").append(str(tool)).append(":\n")
               .append("      return JSON.stringify({ tool: ").append(str(tool)).append(", args });\n");
        }
        out.append("    default:\n")
           .append("      throw new Error(`unknown tool ${name}`);\n")
           .append("  }\n")
           .append("}\n\n")
           .append("const request = {\n")
           .append("  key: ").append(str(key)).append(",\n")
           .append("  context: ").append(json(context)).append(",\n")
           .append("  inputs: ").append(json(inputs)).append(",\n")
           .append("};\n")
           .append("const messages = [];\n")
           .append("let message = (await orq.deployments.invoke(request))?.choices[0]?.message;\n")
           .append("for (let round = 0; round < ").append(Snippets.MAX_TOOL_ROUNDS)
           .append(" && message?.type === \"tool_calls\"; round++) {\n")
           .append("  // the model asked for tools: send its calls and their results back\n")
           .append("  messages.push({\n")
           .append("    role: \"assistant\",\n")
           .append("    content: message.content ?? null,\n")
           .append("    toolCalls: message.toolCalls.map((call) => ({\n")
           .append("      id: call.id,\n")
           .append("      type: \"function\",\n")
           .append("      function: { name: call.function.name, arguments: call.function.arguments },\n")
           .append("    })),\n")
           .append("  });\n")
           .append("  for (const call of message.toolCalls) {\n")
           .append("    const result = runTool(call.function.name, JSON.parse(call.function.arguments || \"{}\"));\n")
           .append("    messages.push({ role: \"tool\", toolCallId: call.id, content: result });\n")
           .append("  }\n")
           .append("  message = (await orq.deployments.invoke({ ...request, messages }))?.choices[0]?.message;\n")
           .append("}\n\n")
           .append("console.log(message?.content);\n");
        return out.toString();
    }

    static String curl(String key, Map<String, Object> context, Map<String, Object> inputs, String serverUrl,
                       String header, String note, List<String> tools) {
        Map<String, Object> body = invokeBody(key, context, inputs);
        String url = shellQuote(serverUrl + "/v2/deployments/invoke");
        String headers = "  -H \"Authorization: Bearer $ORQ_API_KEY\" \\\n  -H 'Content-Type: application/json' \\\n";
        StringBuilder out = new StringBuilder();
        comment(out, "# ", header, note);
        out.append("# The variant has tools (").append(String.join(", ", tools)).append("): the answer's message may be of\n")
           .append("# type \"tool_calls\". Then run each call and send the calls and their results back (needs jq).\n")
           .append("request=").append(shellQuote(json(body))).append('\n')
           .append("answer=$(curl -s ").append(url).append(" \\\n").append(headers)
           .append("  -d \"$request\")\n")
           .append("echo \"$answer\" | jq '.choices[0].message'\n\n")
           .append("# Second call: replace each tool's result (here a placeholder naming the tool) with the real one.\n")
           .append("curl -s ").append(url).append(" \\\n").append(headers)
           .append("  -d \"$(echo \"$answer\" | jq --argjson request \"$request\" '\n")
           .append("    .choices[0].message as $m\n")
           .append("    | $request + {messages: [\n")
           .append("        {role: \"assistant\", content: $m.content, tool_calls: [$m.tool_calls[] | {id, type, function}]},\n")
           .append("        ($m.tool_calls[] | {role: \"tool\", tool_call_id: .id, content: \"result of \\(.function.name)\"})]}')\"\n");
        return out.toString();
    }
}
