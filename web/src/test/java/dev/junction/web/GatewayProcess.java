package dev.junction.web;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A gateway in its own JVM, started from the test classpath as `junction serve` with the given flags. */
final class GatewayProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Junction ready on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final int port;

    GatewayProcess(String... flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0"));
        command.addAll(List.of(flags));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        port = awaitReady();
    }

    int port() {
        return port;
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Sends SIGTERM and waits for the process to end. */
    boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop()) process.destroyForcibly();
    }

    private int awaitReady() throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    Matcher m = READY.matcher(line);
                    if (m.find()) ready.complete(Integer.parseInt(m.group(1)));
                }
                ready.completeExceptionally(new AssertionError("gateway exited before it was ready: " + output()));
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            return ready.get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }
}
