package dev.junction.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The official Orquesta SDK, {@code @orq-ai/node} 4.15.11 from the npm registry, run unmodified in a Node process
 * (src/test/node/sdk.mjs) against a live gateway. {@code ./junction test} installs it with npm ci first.
 */
final class NodeSdk {
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeSdk() {}

    /**
     * Calls {@code orq.deployments.<method>} (or {@code orq.feedback.create}/{@code remove} for {@code feedback.create}/{@code feedback.remove}) and returns the one JSON line the script prints:
     * {@code {"ok": true, "result": ...}} or {@code {"ok": false, "name", "message", "statusCode", "body"}}.
     */
    static JsonNode call(int port, String apiKey, String method, String requestJson) throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@orq-ai/node"))) {
            throw new IllegalStateException("@orq-ai/node is not installed in " + NODE_DIR
                    + ": run the suite with ./junction test (it runs npm ci there first)");
        }
        Process node = new ProcessBuilder("node", "sdk.mjs", "http://127.0.0.1:" + port, apiKey, method, requestJson)
                .directory(NODE_DIR.toFile())
                .start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the SDK did not finish in 60 s");
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (out.isEmpty()) throw new AssertionError("the SDK printed nothing; stderr: " + err);
        return JSON.readTree(out.lines().toList().getLast());
    }
}
