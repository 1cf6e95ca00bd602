package dev.junction.engine.provider.simulator;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.TokenEstimate;
import dev.junction.engine.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 *       with a context-length error;</li>
 *   <li>{@code cut-stream}: a stream sends its first {@value #CUT_STREAM_PIECES} pieces (never the last one), then
 *       breaks off with a retryable {@link ProviderFailure.ConnectionFailed} (the gateway's truncated-stream path);
 *       a plain call fails the same way at once.</li>
 * </ul>
 * Every model (but the failing ones) honours tools and response formats: with tools it first calls one (see
 * {@code callTool}), and after the tool's result it echoes; with a JSON response format it answers JSON (see
 * {@code shaped}), so a demo of a tool loop or of structured output needs no provider.
 * Tokens are counted with {@link TokenEstimate}. A {@code maxTokens} parameter cuts the reply (finish reason
 * {@code length}).
 * <p>Streams deliver the reply in word pieces (each word with the whitespace after it). Failing models fail
 * before the first piece, as a provider refusing the request would. A {@code slow} model spreads its delay evenly
 * over the pieces. Time limits are honoured as a real provider's would be: a wait longer than the request's
 * {@code firstTokenTimeout} (before the first piece) or {@code timeout} (a plain call, or between two pieces) ends,
 * after that limit, in a {@link ProviderFailure.Timeout}. A {@link dev.junction.engine.provider.StreamCancelledException}
 * from the sink stops the stream and goes through.
 * <p>The one adapter outside the {@link dev.junction.engine.provider.http.HttpProvider} skeleton: it makes its
 * answers up in-process, so it has no connection record, wire format, mapper or error mapping (see the README's
 * "Adding a provider").
 */
public final class SimulatorProvider implements ProviderAdapter {
    public static final String NAME = "simulator";
    public static final List<String> MODELS =
            List.of("echo", "slow", "flaky", "rate-limited", "broken", "tiny-context", "cut-stream");
    public static final int TINY_CONTEXT_WINDOW = 32;
    static final int CUT_STREAM_PIECES = 3;
    /** A word and the whitespace after it; the pieces joined give the reply back. */
    private static final Pattern PIECE = Pattern.compile("\\S+\\s*|\\s+");
    private static final Duration DEFAULT_SLOW = Duration.ofMillis(2000);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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
        Duration delay = prepare(request);
        if (request.model().equals("cut-stream")) throw fail(cut("before the answer was complete"));
        wait(delay, request.timeoutOr(null));
        return echo(request);
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamSink sink) {
        Duration delay = prepare(request);
        ChatResponse answer = echo(request);
        List<String> pieces = pieces(answer.content());
        boolean cut = request.model().equals("cut-stream");
        int send = cut ? Math.min(CUT_STREAM_PIECES, Math.max(pieces.size() - 1, 0)) : pieces.size();
        long total = delay.toNanos();
        for (int i = 0; i < send; i++) {
            long before = total * i / pieces.size();
            long after = total * (i + 1) / pieces.size();
            wait(Duration.ofNanos(after - before), i == 0 ? request.firstTokenTimeoutOr(null) : request.timeoutOr(null));
            sink.delta(pieces.get(i)); // StreamCancelledException goes through: nothing more is sent
        }
        if (cut) throw fail(cut("after " + send + " pieces"));
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            ToolCall call = answer.toolCalls().get(i);
            sink.accept(new StreamPiece.ToolCallDelta(i, call.id(), call.name(), call.arguments()));
        }
        return answer;
    }

    /**
     * What every call does first: the failing models fail here, before any text.
     *
     * @return how long the model thinks before answering
     */
    private static Duration prepare(ChatRequest request) {
        String model = request.model();
        switch (model) {
            case "echo", "cut-stream" -> { return Duration.ZERO; }
            case "flaky" -> {
                if (request.attempt() <= 1) {
                    throw fail(new ProviderFailure.ServerError(503, "simulated outage: flaky fails every first attempt"));
                }
                return Duration.ZERO;
            }
            case "rate-limited" -> throw fail(new ProviderFailure.RateLimited(Duration.ofSeconds(1), "simulated rate limit"));
            case "broken" -> throw fail(new ProviderFailure.ServerError(500, "simulated internal error"));
            case "tiny-context" -> {
                int needed = TokenEstimate.ofMessages(request.messages()) + maxTokensOrZero(request);
                if (needed > TINY_CONTEXT_WINDOW) {
                    throw fail(new ProviderFailure.ContextLengthExceeded(400,
                            "prompt needs " + needed + " tokens, the context window is " + TINY_CONTEXT_WINDOW));
                }
                return Duration.ZERO;
            }
            default -> {
                Duration delay = slowDelay(model);
                if (delay == null) {
                    throw fail(new ProviderFailure.ModelNotFound("the simulator has no model '" + model + "'"));
                }
                return delay;
            }
        }
    }

    private static ProviderFailure cut(String when) {
        return new ProviderFailure.ConnectionFailed("simulated connection drop: cut-stream broke off " + when);
    }

    /** The reply in word pieces, each with the whitespace after it; never an empty piece. */
    static List<String> pieces(String reply) {
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(reply);
        while (m.find()) pieces.add(m.group());
        return pieces;
    }

    private static ChatResponse echo(ChatRequest request) {
        ChatResponse call = callTool(request);
        if (call != null) return call;
        String reply = request.messages().stream()
                .map(SimulatorProvider::line)
                .collect(Collectors.joining("\n"));
        String finish = "stop";
        Integer maxTokens = request.parameters().maxTokens();
        if (maxTokens != null && TokenEstimate.ofText(reply) > maxTokens) {
            reply = reply.substring(0, Math.min(reply.length(), maxTokens * 4));
            finish = "length";
        }
        reply = shaped(reply, request.parameters());
        Usage usage = new Usage(TokenEstimate.ofMessages(request.messages()), TokenEstimate.ofText(reply));
        return new ChatResponse(reply, finish, usage, request.model());
    }

    /**
     * With tools (and {@code tool_choice} other than {@code none}), a model calls one before it answers: the forced
     * one, else the first, with the smallest arguments its schema accepts ({@link SchemaExample}), unless the last
     * message is already a tool's result, which it then echoes like any prompt. The call's id counts the conversation's
     * earlier calls ({@code call_sim_1}, {@code call_sim_2}...), so a run is deterministic.
     */
    private static ChatResponse callTool(ChatRequest request) {
        ModelParameters p = request.parameters();
        if (p.tools() == null || p.tools().isEmpty()) return null;
        if (p.toolChoice() != null && "none".equals(p.toolChoice().mode())) return null;
        if (!request.messages().isEmpty() && request.messages().getLast().role() == Role.TOOL) return null;
        ToolSpec tool = p.toolChoice() != null && p.toolChoice().forcesOne() && p.tool(p.toolChoice().name()) != null
                ? p.tool(p.toolChoice().name()) : p.tools().getFirst();
        long earlier = request.messages().stream().filter(PromptMessage::hasToolCalls)
                .mapToLong(m -> m.toolCalls().size()).sum();
        String arguments = json(tool.parameters() == null ? Map.of() : SchemaExample.of(tool.parameters()));
        ToolCall call = new ToolCall("call_sim_" + (earlier + 1), tool.name(), arguments);
        Usage usage = new Usage(TokenEstimate.ofMessages(request.messages()), TokenEstimate.ofText(arguments));
        return new ChatResponse("", ChatResponse.TOOL_CALLS, usage, request.model(), List.of(call), null);
    }

    /**
     * The reply in the asked response format: {@code json_object} wraps it as {@code {"echo": reply}};
     * {@code json_schema} answers the smallest value the schema accepts; text stays text.
     */
    private static String shaped(String reply, ModelParameters p) {
        String type = p.responseFormatType();
        if ("json_object".equals(type)) return json(Map.of("echo", reply));
        if ("json_schema".equals(type) && p.responseSchema() != null) return json(SchemaExample.of(p.responseSchema()));
        return reply;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    /** Waits {@code delay}, or, when {@code limit} is shorter, {@code limit} and then fails with a timeout. */
    private static void wait(Duration delay, Duration limit) {
        if (limit != null && delay.compareTo(limit) > 0) {
            sleep(limit);
            throw fail(new ProviderFailure.Timeout("the simulated model sent nothing within " + limit.toMillis() + " ms"));
        }
        sleep(delay);
    }

    private static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) return;
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
