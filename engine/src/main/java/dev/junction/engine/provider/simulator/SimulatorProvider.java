package dev.junction.engine.provider.simulator;

import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.TokenEstimate;
import dev.junction.engine.provider.Usage;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A built-in provider that needs no network and no key. Its replies are deterministic and its models behave
 * as their names say, which makes it the provider of the demo, the tests and the benchmarks:
 * <ul>
 *   <li>{@code echo}: answers at once with the rendered prompt, one {@code role: content} line per message;</li>
 *   <li>{@code slow} / {@code slow-<ms>}: like echo after 2000 ms (or the given milliseconds);</li>
 *   <li>{@code flaky}: the first attempt of every call fails with 503, a retry succeeds;</li>
 *   <li>{@code rate-limited}: always 429 with Retry-After 1 s;</li>
 *   <li>{@code broken}: always 500;</li>
 *   <li>{@code tiny-context}: a 32-token context window; a larger prompt (plus max tokens) is refused
 *       with a context-length error.</li>
 * </ul>
 * Tokens are counted with {@link TokenEstimate}. A {@code maxTokens} parameter cuts the reply (finish reason
 * {@code length}).
 */
public final class SimulatorProvider implements ProviderAdapter {
    public static final String NAME = "simulator";
    public static final List<String> MODELS = List.of("echo", "slow", "flaky", "rate-limited", "broken", "tiny-context");
    public static final int TINY_CONTEXT_WINDOW = 32;
    private static final Duration DEFAULT_SLOW = Duration.ofMillis(2000);

    @Override
    public String name() {
        return NAME;
    }

    /** The simulator is the gateway answering by itself; "orq" is the SDK's name for the platform. */
    @Override
    public String orqProvider() {
        return "orq";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        String model = request.model();
        switch (model) {
            case "echo" -> { return echo(request); }
            case "flaky" -> {
                if (request.attempt() <= 1) {
                    throw fail(new ProviderFailure.ServerError(503, "simulated outage: flaky fails every first attempt"));
                }
                return echo(request);
            }
            case "rate-limited" -> throw fail(new ProviderFailure.RateLimited(Duration.ofSeconds(1), "simulated rate limit"));
            case "broken" -> throw fail(new ProviderFailure.ServerError(500, "simulated internal error"));
            case "tiny-context" -> {
                int needed = TokenEstimate.ofMessages(request.messages()) + maxTokensOrZero(request);
                if (needed > TINY_CONTEXT_WINDOW) {
                    throw fail(new ProviderFailure.ContextLengthExceeded(
                            "prompt needs " + needed + " tokens, the context window is " + TINY_CONTEXT_WINDOW));
                }
                return echo(request);
            }
            default -> {
                Duration delay = slowDelay(model);
                if (delay == null) {
                    throw fail(new ProviderFailure.ModelNotFound("the simulator has no model '" + model + "'"));
                }
                sleep(delay);
                return echo(request);
            }
        }
    }

    private static ChatResponse echo(ChatRequest request) {
        String reply = request.messages().stream()
                .map(SimulatorProvider::line)
                .collect(Collectors.joining("\n"));
        String finish = "stop";
        Integer maxTokens = request.parameters().maxTokens();
        if (maxTokens != null && TokenEstimate.ofText(reply) > maxTokens) {
            reply = reply.substring(0, Math.min(reply.length(), maxTokens * 4));
            finish = "length";
        }
        Usage usage = new Usage(TokenEstimate.ofMessages(request.messages()), TokenEstimate.ofText(reply));
        return new ChatResponse(reply, finish, usage, request.model());
    }

    private static String line(PromptMessage message) {
        return message.role().wireName() + ": " + message.content();
    }

    private static int maxTokensOrZero(ChatRequest request) {
        Integer maxTokens = request.parameters().maxTokens();
        return maxTokens == null ? 0 : maxTokens;
    }

    static Duration slowDelay(String model) {
        if (model.equals("slow")) return DEFAULT_SLOW;
        if (model.startsWith("slow-")) {
            try {
                long millis = Long.parseLong(model.substring("slow-".length()));
                if (millis >= 0 && millis <= 600_000) return Duration.ofMillis(millis);
            } catch (NumberFormatException ignored) {
                // not a slow-<ms> model
            }
        }
        return null;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(new ProviderFailure.Timeout("interrupted while the simulated model was thinking"));
        }
    }

    private static ProviderException fail(ProviderFailure failure) {
        return new ProviderException(failure);
    }
}
