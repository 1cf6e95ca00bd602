package dev.junction.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The official Orquesta SDK, {@code @orq-ai/node} 4.15.11 from the npm registry, run unmodified in a Node process
 * (src/test/node/sdk.mjs, through {@link NodeScripts}) against a live gateway. {@code ./junction test} installs it with npm ci first.
 */
final class NodeSdk {
    static final Path NODE_DIR = NodeScripts.NODE_DIR;

    private NodeSdk() {}

    /**
     * Calls {@code orq.deployments.<method>} (or {@code orq.feedback.create}/{@code remove} for {@code feedback.create}/{@code feedback.remove}) and returns the one JSON line the script prints:
     * {@code {"ok": true, "result": ...}} or {@code {"ok": false, "name", "message", "statusCode", "body"}}.
     */
    static JsonNode call(int port, String apiKey, String method, String requestJson) throws Exception {
        return call(port, apiKey, method, requestJson, null);
    }

    /** The same with the SDK's per-call options ({@code {"retries": {...}}}). */
    static JsonNode call(int port, String apiKey, String method, String requestJson, String optionsJson) throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@orq-ai/node"))) {
            throw new IllegalStateException("@orq-ai/node is not installed in " + NODE_DIR
                    + ": run the suite with ./junction test (it runs npm ci there first)");
        }
        List<String> args = new java.util.ArrayList<>(List.of("http://127.0.0.1:" + port, apiKey, method, requestJson));
        if (optionsJson != null) args.add(optionsJson);
        return NodeScripts.call("orq", args);
    }
}
