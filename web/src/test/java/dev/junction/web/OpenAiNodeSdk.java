package dev.junction.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The official OpenAI Node SDK, {@code openai} 6.49.0 from the npm registry (the newest line that runs on Node 20;
 * 7.x needs Node 22), run unmodified in a Node process (src/test/node/openai.mjs) against a live gateway.
 * {@code ./junction test} installs it with npm ci first.
 */
final class OpenAiNodeSdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiNodeSdk() {}

    /** {@code client.chat.completions.create} ({@code create}) or the same with {@code stream: true} ({@code stream}). */
    static JsonNode call(int port, String apiKey, String method, String paramsJson, String headersJson) throws Exception {
        if (!Files.isDirectory(NodeSdk.NODE_DIR.resolve("node_modules/openai"))) {
            throw new IllegalStateException("openai is not installed in " + NodeSdk.NODE_DIR
                    + ": run the suite with ./junction test (it runs npm ci there first)");
        }
        List<String> command = new ArrayList<>(List.of("node", "openai.mjs", "http://127.0.0.1:" + port + "/v1", apiKey, method, paramsJson));
        if (headersJson != null) command.add(headersJson);
        Process node = new ProcessBuilder(command).directory(NodeSdk.NODE_DIR.toFile()).start();
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
