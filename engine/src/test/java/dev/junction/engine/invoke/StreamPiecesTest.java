package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stream's first piece of any kind (a tool call, reasoning), not only text, starts the answer: the listener is
 * opened with it and gets every piece in order, and once it went out nothing is retried or sent to the fallback.
 */
class StreamPiecesTest {
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, logs::add, Clock.systemUTC(), new Ids(Clock.systemUTC()));
    private final AtomicInteger fallbackCalls = new AtomicInteger();

    /** Streams its pieces, then fails with {@code failure} if set, else answers with a tool call. */
    private record Streaming(String name, List<StreamPiece> pieces, ProviderFailure failure) implements ProviderAdapter {
        public String orqProvider() { return "openai"; }

        public ChatResponse chat(ChatRequest request) {
            throw new UnsupportedOperationException("stream only");
        }

        public ChatResponse stream(ChatRequest request, StreamSink sink) {
            for (StreamPiece piece : pieces) sink.accept(piece);
            if (failure != null) throw new ProviderException(failure);
            return new ChatResponse("", "tool_calls", new Usage(10, 5), request.model(),
                    List.of(new ToolCall("call_1", "lookup", "{\"q\":\"x\"}")), null);
        }
    }

    private void deploy(ProviderAdapter primary) {
        ProviderAdapter fallback = new ProviderAdapter() {
            public String name() { return "backup"; }
            public String orqProvider() { return "openai"; }
            public ChatResponse chat(ChatRequest request) {
                fallbackCalls.incrementAndGet();
                return new ChatResponse("from the fallback", "stop", Usage.NONE, request.model());
            }
        };
        Variant main = new Variant("main", List.of(PromptMessage.user("hi")), null,
                ModelConfig.of(primary.name(), "m").withRetries(2), ModelConfig.of("backup", "b"), null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, new Providers(List.of(primary, fallback)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));
    }

    private static final class Recorder implements InvokeStreamListener {
        final List<Object> events = new ArrayList<>();

        public void start(Start start) {
            events.add("start");
        }

        public void piece(StreamPiece piece) {
            events.add(piece);
        }
    }

    @Test
    void a_tool_call_piece_opens_the_stream_and_every_piece_reaches_the_listener_in_order() {
        List<StreamPiece> pieces = List.of(new StreamPiece.ReasoningDelta("thinking", null),
                new StreamPiece.ToolCallDelta(0, "call_1", "lookup", ""), new StreamPiece.ToolCallDelta(0, null, null, "{\"q\":"),
                new StreamPiece.ToolCallDelta(0, null, null, "\"x\"}"));
        deploy(new Streaming("acme", pieces, null));
        Recorder recorder = new Recorder();

        InvokeResult result = service.stream(InvokeRequest.of("d", java.util.Map.of(), java.util.Map.of()), recorder);

        assertThat(recorder.events).containsExactly("start", pieces.get(0), pieces.get(1), pieces.get(2), pieces.get(3));
        assertThat(result.response().toolCalls()).extracting(ToolCall::id).containsExactly("call_1");
        assertThat(logs).singleElement().satisfies(log -> assertThat(log.outcome().status()).isEqualTo(LogStatus.SUCCESS));
    }

    @Test
    void a_failure_after_a_tool_call_piece_went_out_is_truncated_not_retried_nor_sent_to_the_fallback() {
        deploy(new Streaming("acme", List.of(new StreamPiece.ToolCallDelta(0, "call_1", "lookup", "{\"q\":")),
                new ProviderFailure.ServerError(500, "boom")));
        Recorder recorder = new Recorder();

        StreamTruncatedException e = catchThrowableOfType(StreamTruncatedException.class,
                () -> service.stream(InvokeRequest.of("d", java.util.Map.of(), java.util.Map.of()), recorder));

        assertThat(e).isNotNull();
        assertThat(recorder.events).hasSize(2).first().isEqualTo("start");
        assertThat(fallbackCalls).hasValue(0);
        assertThat(e.attempts()).hasSize(1);
    }

    @Test
    void a_failure_before_any_piece_still_retries_and_falls_back() {
        deploy(new Streaming("acme", List.of(), new ProviderFailure.ServerError(500, "boom")));
        Recorder recorder = new Recorder();

        InvokeResult result = service.stream(InvokeRequest.of("d", java.util.Map.of(), java.util.Map.of()), recorder);

        assertThat(result.response().content()).isEqualTo("from the fallback");
        assertThat(result.attempts()).extracting(Attempt::reason).containsExactly("server_error", "server_error", "server_error", null);
    }
}
