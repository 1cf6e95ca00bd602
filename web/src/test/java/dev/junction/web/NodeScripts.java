package dev.junction.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The SDK scripts of src/test/node (sdk.mjs: {@code @orq-ai/node}; openai.mjs: {@code openai}) run in one Node process
 * per test JVM (serve.mjs), started on the first call: starting Node and loading an SDK took about 0.8 s of CPU a call.
 * Each call still makes a new client with its own server URL and key, as the scripts do on the command line; calls
 * are one at a time. A call that takes over 60 s ends the process (the next call starts another).
 */
final class NodeScripts {
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Process node;
    private static BufferedReader out;
    private static Path errors;

    private NodeScripts() {}

    /** Runs {@code script} ("orq" or "openai") with its command-line {@code args}; returns the line it prints. */
    static synchronized JsonNode call(String script, List<String> args) throws Exception {
        if (node == null || !node.isAlive()) start();
        OutputStream in = node.getOutputStream();
        in.write((JSON.writeValueAsString(Map.of("script", script, "args", args)) + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        BufferedReader reader = out;
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String read;
        try {
            read = line.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            node.destroyForcibly();
            throw new AssertionError("the SDK did not finish in 60 s");
        }
        if (read == null) throw new AssertionError("the SDK process ended; stderr: " + Files.readString(errors).strip());
        return JSON.readTree(read);
    }

    private static void start() throws IOException {
        errors = Files.createTempFile("junction-node-sdk", ".err");
        errors.toFile().deleteOnExit();
        node = new ProcessBuilder("node", "serve.mjs").directory(NODE_DIR.toFile())
                .redirectError(errors.toFile()).start();
        out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Process started = node;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    }
}
