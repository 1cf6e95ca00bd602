package dev.junction.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The official OpenAI Node SDK, {@code openai} 6.49.0 from the npm registry (the newest line that runs on Node 20;
 * 7.x needs Node 22), run unmodified in a Node process (src/test/node/openai.mjs, through {@link NodeScripts}) against
 * a live gateway.
 * {@code ./junction test} installs it with npm ci first.
 */
final class OpenAiNodeSdk {
    private OpenAiNodeSdk() {}

    /** {@code client.chat.completions.create} ({@code create}) or the same with {@code stream: true} ({@code stream}). */
    static JsonNode call(int port, String apiKey, String method, String paramsJson, String headersJson) throws Exception {
        return call(port, apiKey, method, paramsJson, headersJson, null);
    }

    /** The same with the client's options overridden ({@code {"maxRetries": 1}}; by default 0 retries). */
    static JsonNode call(int port, String apiKey, String method, String paramsJson, String headersJson, String optionsJson) throws Exception {
        if (!Files.isDirectory(NodeSdk.NODE_DIR.resolve("node_modules/openai"))) {
            throw new IllegalStateException("openai is not installed in " + NodeSdk.NODE_DIR
                    + ": run the suite with ./junction test (it runs npm ci there first)");
        }
        List<String> args = new ArrayList<>(List.of("http://127.0.0.1:" + port + "/v1", apiKey, method, paramsJson));
        if (headersJson != null || optionsJson != null) args.add(headersJson == null ? "" : headersJson);
        if (optionsJson != null) args.add(optionsJson);
        return NodeScripts.call("openai", args);
    }
}
