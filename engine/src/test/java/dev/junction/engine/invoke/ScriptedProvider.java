package dev.junction.engine.invoke;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.Usage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider whose calls do what the test scripted, in order (the last step repeats), and which records each call
 * with the time it started on its {@link #ticker}: for testing the invoke loop's retries, fallback, limits and streams
 * without HTTP (and, on a {@link FakeTicker}, without waiting).
 */
final class ScriptedProvider implements ProviderAdapter {
    /** One call: pieces of text to stream, then either an answer or a failure. */
    record Step(List<String> pieces, ProviderFailure failure, long sleepMillis) {
        static Step answer(String... pieces) {
            return new Step(List.of(pieces), null, 0);
        }

        static Step fail(ProviderFailure failure) {
            return new Step(List.of(), failure, 0);
        }

        static Step failAfter(ProviderFailure failure, String... pieces) {
            return new Step(List.of(pieces), failure, 0);
        }

        /** Waits on the ticker (honouring the request's time limit, like a real adapter) and then times out. */
        static Step hang() {
            return new Step(List.of(), new ProviderFailure.Timeout("no answer in time"), -1);
        }
    }

    record Call(ChatRequest request, long startNanos) {}

    private final String name;
    private final Deque<Step> steps = new ArrayDeque<>();
    private Step last;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile Ticker ticker = Ticker.SYSTEM;

    ScriptedProvider(String name, Step... script) {
        this.name = name;
        steps.addAll(List.of(script));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String orqProvider() {
        return "openai";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return stream(request, piece -> {});
    }

    @Override
    public synchronized ChatResponse stream(ChatRequest request, StreamSink sink) {
        calls.add(new Call(request, ticker.nanoTime()));
        Step step = steps.isEmpty() ? last : steps.poll();
        last = step;
        if (step.sleepMillis() < 0) {
            try {
                ticker.sleep(request.timeoutOr(java.time.Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        StringBuilder text = new StringBuilder();
        for (String piece : step.pieces()) {
            sink.delta(piece);
            text.append(piece);
        }
        if (step.failure() != null) throw new ProviderException(step.failure());
        return new ChatResponse(text.toString(), "stop", new Usage(10, step.pieces().size()), request.model());
    }
}
