package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The gateway keeps its promises: answers checked against the response format's schema and tool calls against their
 * tools, through the real invoke loop (retries, the fallback, streams) on a {@link FakeTicker}.
 */
class InvokeOutputValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> PERSON = schema("""
            {"type": "object", "required": ["name", "age"], "additionalProperties": false,
             "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}}""");
    private static final Map<String, Object> WEATHER = schema("""
            {"type": "object", "required": ["city"], "additionalProperties": false,
             "properties": {"city": {"type": "string"}, "unit": {"enum": ["c", "f"]}}}""");

    private final FakeTicker ticker = new FakeTicker();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private InvokeService service;

    static Map<String, Object> schema(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ModelParameters jsonSchema() {
        return ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_schema",
                "json_schema", Map.of("name", "person", "strict", true, "schema", PERSON)));
    }

    private static ModelParameters strictWeatherTool() {
        return ModelParameters.DEFAULTS.withTools(List.of(new ToolSpec("get_weather", "Weather in a city", WEATHER, true)));
    }

    /** A provider that answers with whole responses, in order (the last repeats), streaming each as its pieces. */
    private static final class Answers implements ProviderAdapter {
        private final String name;
        private final Deque<ChatResponse> script = new ArrayDeque<>();
        private ChatResponse last;
        final List<ChatRequest> calls = new CopyOnWriteArrayList<>();
        /** Whether a call is under way: a piece the listener gets meanwhile was not held back. */
        volatile boolean answering;

        Answers(String name, ChatResponse... answers) {
            this.name = name;
            script.addAll(List.of(answers));
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
            calls.add(request);
            ChatResponse answer = script.isEmpty() ? last : script.poll();
            last = answer;
            if (answer == null) throw new ProviderException(new ProviderFailure.ServerError(500, "no script"));
            answering = true;
            try {
                pieces(answer, sink);
            } finally {
                answering = false;
            }
            return answer;
        }

        private static void pieces(ChatResponse answer, StreamSink sink) {
            String text = answer.content();
            for (int i = 0; i < text.length(); i += 4) sink.delta(text.substring(i, Math.min(text.length(), i + 4)));
            for (int i = 0; i < answer.toolCalls().size(); i++) {
                ToolCall c = answer.toolCalls().get(i);
                sink.accept(new StreamPiece.ToolCallDelta(i, c.id(), c.name(), ""));
                sink.accept(new StreamPiece.ToolCallDelta(i, null, null, c.arguments()));
            }
        }
    }

    private static ChatResponse text(String content) {
        return new ChatResponse(content, "stop", new Usage(10, 5), "m");
    }

    private static ChatResponse calls(ToolCall... calls) {
        return new ChatResponse("", ChatResponse.TOOL_CALLS, new Usage(10, 5), "m", List.of(calls), null);
    }

    private void deploy(ModelParameters parameters, Answers primary, int retries, Answers fallback) {
        ModelConfig p = new ModelConfig(primary.name(), "model-p", parameters, retries, null);
        ModelConfig f = fallback == null ? null : new ModelConfig(fallback.name(), "model-f", parameters, 0, null);
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null, p, f, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        List<ProviderAdapter> adapters = new ArrayList<>(List.of(primary));
        if (fallback != null) adapters.add(fallback);
        InvokeLimits limits = new InvokeLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 2, Duration.ofSeconds(30));
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(adapters),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), limits,
                new InMemoryModelCatalog(List.of()), ticker, () -> 0.5);
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        Clock clock = Clock.systemUTC();
        service = new InvokeService(active, logs::add, clock, new Ids(clock), limits, RequestLog.DEFAULT_TEXT_MAX_BYTES, ticker);
    }

    private static InvokeRequest ask(String question) {
        return InvokeRequest.of("d", Map.of(), Map.of("question", question));
    }

    /** Records what a stream listener was told. */
    private static final class Recorder implements InvokeStreamListener {
        final List<String> events = new ArrayList<>();
        /** For each piece, whether a provider was still answering when it arrived. */
        final List<Boolean> live = new ArrayList<>();
        private final Answers[] providers;

        Recorder(Answers... providers) {
            this.providers = providers;
        }

        @Override
        public void start(Start start) {
            events.add("start:" + start.model().provider());
        }

        @Override
        public void piece(StreamPiece piece) {
            events.add(piece instanceof StreamPiece.Text t ? t.text() : piece.toString());
            boolean any = false;
            for (Answers a : providers) any |= a.answering;
            live.add(any);
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsRetriedAndTheValidRetryAnswers() {
        Answers primary = new Answers("p", text("Sure! Here is the person: Ada, 36"), text("{\"name\": \"Ada\", \"age\": 36}"));
        deploy(jsonSchema(), primary, 1, null);

        InvokeResult result = service.invoke(ask("who?"));

        assertThat(result.response().content()).isEqualTo("{\"name\": \"Ada\", \"age\": 36}");
        assertThat(primary.calls).hasSize(2);
        Attempt first = result.attempts().getFirst();
        assertThat(first.reason()).isEqualTo("invalid_output");
        assertThat(first.next()).isEqualTo(Attempt.Next.RETRY);
        assertThat(first.error()).contains("'person'").contains("not JSON").doesNotContain("Sure");
        assertThat(first.promptTokens()).as("the provider bills an invalid answer too").isEqualTo(10);
        assertThat(result.attempts().getLast().success()).isTrue();
    }

    @Test
    void anAnswerThatBreaksTheSchemaOnThePrimaryGoesToTheFallback() {
        Answers primary = new Answers("p", text("{\"name\": \"Ada\", \"age\": \"thirty-six\", \"extra\": 1}"));
        Answers fallback = new Answers("f", text("{\"name\": \"Ada\", \"age\": 36}"));
        deploy(jsonSchema(), primary, 1, fallback);

        InvokeResult result = service.invoke(ask("who?"));

        assertThat(result.model().provider()).isEqualTo("f");
        assertThat(primary.calls).hasSize(2);
        assertThat(result.attempts()).extracting(Attempt::reason).containsExactly("invalid_output", "invalid_output", null);
        assertThat(result.attempts().get(1).next()).isEqualTo(Attempt.Next.FALLBACK);
        assertThat(result.attempts().getFirst().error()).contains("$.age").contains("$: property 'extra'");
    }

    @Test
    void whenEveryModelAnswersInvalidJsonTheRequestFailsAndNothingInvalidIsReturned() {
        deploy(ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_object")),
                new Answers("p", text("[1, 2]")), 0, new Answers("f", text("{\"a\": 1} and more")));

        AllAttemptsFailedException e = catchThrowableOfType(AllAttemptsFailedException.class, () -> service.invoke(ask("q")));

        assertThat(e.attempts()).extracting(Attempt::reason).containsExactly("invalid_output", "invalid_output");
        assertThat(e.attempts().getFirst().error()).contains("not an object");
        assertThat(logs.getLast().status()).isEqualTo(LogStatus.ERROR);
    }

    @Test
    void aStreamedInvalidAnswerNeverReachesTheListenerAndTheValidOneArrivesWhole() {
        Answers primary = new Answers("p", text("{\"nick\": \"Ada\""), text("{\"name\": \"Ada\", \"age\": 36}"));
        deploy(jsonSchema(), primary, 1, null);
        Recorder recorder = new Recorder(primary);

        InvokeResult result = service.stream(ask("who?"), recorder);

        assertThat(recorder.live).as("held until the answer was in and valid").containsOnly(false);
        assertThat(primary.calls).hasSize(2);
        assertThat(result.attempts().getFirst().reason()).isEqualTo("invalid_output");
        assertThat(String.join("", recorder.events.subList(1, recorder.events.size())))
                .isEqualTo("{\"name\": \"Ada\", \"age\": 36}");
        assertThat(recorder.events.getFirst()).isEqualTo("start:p");
        assertThat(String.join("", recorder.events)).doesNotContain("nick");
    }

    @Test
    void aStreamedInvalidAnswerOnThePrimaryFallsBackSinceNothingWasSent() {
        Answers primary = new Answers("p", text("not json at all"));
        Answers fallback = new Answers("f", text("{\"name\": \"Bo\", \"age\": 7}"));
        deploy(jsonSchema(), primary, 0, fallback);
        Recorder recorder = new Recorder(primary, fallback);

        InvokeResult result = service.stream(ask("who?"), recorder);

        assertThat(result.model().provider()).isEqualTo("f");
        assertThat(recorder.events.getFirst()).isEqualTo("start:f");
        assertThat(String.join("", recorder.events.subList(1, recorder.events.size()))).isEqualTo("{\"name\": \"Bo\", \"age\": 7}");
        assertThat(logs.getLast().status()).isEqualTo(LogStatus.SUCCESS);
    }

    @Test
    void aToolCallWhoseArgumentsBreakTheToolsSchemaIsInvalidOutput() {
        Answers primary = new Answers("p",
                calls(new ToolCall("call_1", "get_weather", "{\"city\": 3, \"unit\": \"k\"}")),
                calls(new ToolCall("call_2", "get_weather", "{\"city\": \"Oslo\", \"unit\": \"c\"}")));
        deploy(strictWeatherTool(), primary, 1, null);

        InvokeResult result = service.invoke(ask("weather?"));

        Attempt first = result.attempts().getFirst();
        assertThat(first.reason()).isEqualTo("invalid_output");
        assertThat(first.error()).contains("tool call 0 (get_weather)").contains("$.city").contains("$.unit");
        assertThat(result.response().toolCalls()).extracting(ToolCall::id).containsExactly("call_2");
    }

    @Test
    void aToolCallToAnUndeclaredToolOrWithArgumentsThatAreNotJsonIsInvalidOutput() {
        deploy(strictWeatherTool(), new Answers("p", calls(new ToolCall("c", "delete_everything", "{}"))), 0,
                new Answers("f", calls(new ToolCall("c", "get_weather", "{\"city\": \"Os"))));

        AllAttemptsFailedException e = catchThrowableOfType(AllAttemptsFailedException.class, () -> service.invoke(ask("q")));

        assertThat(e.attempts()).extracting(Attempt::error).satisfiesExactly(
                m -> assertThat(m).contains("delete_everything").contains("no such tool"),
                m -> assertThat(m).contains("not JSON").doesNotContain("Os"));
    }

    @Test
    void aStreamedToolCallIsHeldUntilValidatedAndAnInvalidOneNeverReachesTheListener() {
        Answers primary = new Answers("p", calls(new ToolCall("call_1", "get_weather", "{\"town\": \"Oslo\"}")));
        Answers fallback = new Answers("f", calls(new ToolCall("call_9", "get_weather", "{\"city\": \"Oslo\"}")));
        deploy(strictWeatherTool(), primary, 0, fallback);
        Recorder recorder = new Recorder(primary, fallback);

        InvokeResult result = service.stream(ask("weather?"), recorder);

        assertThat(result.attempts().getFirst().reason()).isEqualTo("invalid_output");
        assertThat(recorder.events).noneMatch(e -> e.contains("call_1") || e.contains("town"));
        assertThat(recorder.events).first().isEqualTo("start:f");
        assertThat(recorder.events).anyMatch(e -> e.contains("call_9"));
        assertThat(recorder.live).containsOnly(false);
    }

    @Test
    void withoutAContractNothingIsCheckedAndAStreamFlowsAsItArrives() {
        Answers primary = new Answers("p", text("plain text, not JSON"));
        deploy(ModelParameters.DEFAULTS.withTools(List.of(new ToolSpec("get_weather", null, WEATHER))), primary, 0, null);
        Recorder recorder = new Recorder(primary);

        InvokeResult result = service.stream(ask("q"), recorder);

        assertThat(result.response().content()).isEqualTo("plain text, not JSON");
        assertThat(result.attempts()).singleElement().satisfies(a -> assertThat(a.success()).isTrue());
        assertThat(recorder.live).as("each piece passed on while the model was still answering").hasSize(5).containsOnly(true);
    }

    @Test
    void aRequestsOwnResponseFormatIsHeldToo() {
        Answers primary = new Answers("p", text("{\"x\": 1}"), text("{\"name\": \"Ada\", \"age\": 1}"));
        deploy(ModelParameters.DEFAULTS, primary, 1, null);
        InvokeRequest request = new InvokeRequest("d", Map.of(), Map.of("question", "q"), List.of(), List.of(), Map.of(),
                null, new RequestOptions(jsonSchema(), null, null, null, null, null));

        InvokeResult result = service.invoke(request);

        assertThat(result.attempts()).extracting(Attempt::reason).containsExactly("invalid_output", null);
        assertThat(result.response().content()).contains("Ada");
    }

    @Test
    void invalidAnswersDoNotOpenTheModelsCircuit() {
        Answers primary = new Answers("p", text("no"));
        Answers fallback = new Answers("f", text("{\"name\": \"Ada\", \"age\": 36}"));
        deploy(jsonSchema(), primary, 1, fallback); // the circuit opens after 2 failures in a row

        service.invoke(ask("q"));
        InvokeResult second = service.invoke(ask("q"));

        assertThat(primary.calls).as("one client's impossible schema must not cut the model off").hasSize(4);
        assertThat(second.attempts()).extracting(Attempt::reason).doesNotContain("circuit_open");
    }

    @Test
    void underAResponseFormatAToolCallOnlyTurnIsNotHeldToTheFormatButItsCallsAreChecked() {
        ModelParameters both = jsonSchema().withTools(List.of(new ToolSpec("get_weather", null, WEATHER)));
        Answers primary = new Answers("p", calls(new ToolCall("c1", "get_time", "{}")),
                calls(new ToolCall("c2", "get_weather", "{\"anything\": true}")));
        deploy(both, primary, 1, null);
        Recorder recorder = new Recorder(primary);

        InvokeResult result = service.stream(ask("q"), recorder);

        assertThat(result.attempts().getFirst().error()).contains("get_time").contains("no such tool");
        assertThat(result.response().toolCalls()).extracting(ToolCall::id)
                .as("a non-strict tool's arguments need only be a JSON object").containsExactly("c2");
        assertThat(recorder.events).noneMatch(e -> e.contains("get_time"));
    }
}
