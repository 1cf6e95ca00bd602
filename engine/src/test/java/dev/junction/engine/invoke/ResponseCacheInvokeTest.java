package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.cache.AnswerCache;
import dev.junction.engine.cache.CacheMode;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ResponseCacheSettings;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The response cache on the invoke path, with a priced provider that counts its calls. */
class ResponseCacheInvokeTest {
    /** Answers with a text, or (when the request has tools) a tool call; 1000 prompt and 500 completion tokens. */
    static final class CountingProvider implements ProviderAdapter {
        final AtomicInteger calls = new AtomicInteger();

        @Override public String name() { return "paid"; }
        @Override public String orqProvider() { return "openai"; }
        @Override public ChatResponse chat(ChatRequest request) {
            int n = calls.incrementAndGet();
            if (request.parameters().tools() != null) {
                return new ChatResponse("", ChatResponse.TOOL_CALLS, new Usage(1000, 500), request.model(),
                        List.of(new ToolCall("call_" + n, "lookup", "{\"order\":7}")), null);
            }
            return new ChatResponse("Answer number " + n + " for " + request.messages().getLast().content(), "stop",
                    new Usage(1000, 500), request.model());
        }
    }

    final CountingProvider provider = new CountingProvider();
    final InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of(
            new CatalogModel("paid", "m1", 128_000, 4096, BigDecimal.ONE, new BigDecimal("2"), BigDecimal.ZERO, true),
            new CatalogModel("paid", "m2", 128_000, 4096, BigDecimal.ONE, new BigDecimal("2"), BigDecimal.ZERO, true)));
    final Clock clock = Clock.systemUTC();
    final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    final ActiveDeployments active = new ActiveDeployments();
    final AnswerCache cache = AnswerCache.inMemory(1 << 20, clock);
    final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock), InvokeLimits.DEFAULTS,
            RequestLog.DEFAULT_TEXT_MAX_BYTES, Ticker.SYSTEM, new InvokeService.Controls(null, null, cache));
    int versionNumber;

    static final ResponseCacheSettings ON = new ResponseCacheSettings(true, 600, null);

    void deploy(String prompt, String model, ResponseCacheSettings settings, String variantKey, String ruleValue) {
        Variant main = new Variant(variantKey, List.of(PromptMessage.system(prompt), PromptMessage.user("{{question}}")),
                null, ModelConfig.of("paid", model), null, null).withCache(settings);
        Variant other = new Variant("other", List.of(PromptMessage.user("other")), ModelConfig.of("paid", "m1"), null, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main, other),
                new RoutingTable(List.of(RoutingRule.of("gold", "other", Condition.equalsTo("tier", ruleValue))), variantKey));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), ++versionNumber, "h" + versionNumber,
                spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH,
                InvokeRuntime.of(new Providers(List.of(provider)), RetrySettings.DEFAULTS, InvokeLimits.DEFAULTS, catalog)));
    }

    void deploy(ResponseCacheSettings settings) {
        deploy("Be brief.", "m1", settings, "main", "gold");
    }

    static InvokeRequest ask(String question) {
        return InvokeRequest.of("d", Map.of(), Map.of("question", question));
    }

    static InvokeRequest ask(String question, CacheMode mode) {
        InvokeRequest r = ask(question);
        return r.withOptions(r.options().withCache(mode));
    }

    @Test
    void a_second_identical_request_is_answered_from_the_cache_without_calling_the_model_and_logged_as_a_hit() {
        deploy(ON);
        InvokeResult first = service.invoke(ask("Where is my order?"));
        InvokeResult second = service.invoke(ask("Where is my order?"));

        assertThat(provider.calls).hasValue(1);
        assertThat(first.cache()).isEqualTo("miss");
        assertThat(second.cache()).isEqualTo("hit");
        assertThat(second.response()).isEqualTo(first.response());
        assertThat(second.attempts()).isEmpty();
        assertThat(second.providerMicros()).isZero();
        assertThat(second.model().model()).isEqualTo("m1");

        assertThat(logs.get(0).cache()).isEqualTo(new RequestLog.Cache("miss", null, null));
        assertThat(logs.get(0).usage().costUsd()).isEqualByComparingTo("0.002"); // 1000 x $1/M + 500 x $2/M
        RequestLog hit = logs.get(1);
        assertThat(hit.status()).isEqualTo(LogStatus.SUCCESS);
        assertThat(hit.cache().status()).isEqualTo("hit");
        assertThat(hit.cache().savedUsd()).isEqualByComparingTo("0.002");
        assertThat(hit.cache().ageMillis()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(hit.usage().costUsd()).isEqualByComparingTo("0");
        assertThat(hit.usage().promptTokens()).isNull();
        assertThat(hit.route().model()).isEqualTo("m1");
        assertThat(hit.bodies().answer()).isEqualTo(first.response().content());

        service.invoke(ask("Where is my parcel?"));
        assertThat(provider.calls).as("another input misses").hasValue(2);
    }

    @Test
    void a_routing_only_deploy_keeps_the_hits_a_prompt_or_model_change_misses() {
        deploy("Be brief.", "m1", ON, "main", "gold");
        service.invoke(ask("Q"));
        deploy("Be brief.", "m1", ON, "renamed-variant", "platinum"); // new version: other rule, variant renamed
        assertThat(service.invoke(ask("Q")).cache()).isEqualTo("hit");
        assertThat(provider.calls).hasValue(1);

        deploy("Be very brief.", "m1", ON, "main", "gold");
        assertThat(service.invoke(ask("Q")).cache()).isEqualTo("miss");
        deploy("Be very brief.", "m2", ON, "main", "gold");
        assertThat(service.invoke(ask("Q")).cache()).isEqualTo("miss");
        assertThat(provider.calls).hasValue(3);
    }

    @Test
    void a_request_override_is_part_of_the_key() {
        deploy(ON);
        service.invoke(ask("Q"));
        InvokeRequest warmer = new InvokeRequest("d", Map.of(), Map.of("question", "Q"), null, null, null, Source.API,
                new RequestOptions(ModelParameters.of(0.9, null), Map.of("temperature", 0.9), null, null, null, null));
        assertThat(service.invoke(warmer).cache()).isEqualTo("miss");
        assertThat(service.invoke(warmer).cache()).isEqualTo("hit");
        assertThat(provider.calls).hasValue(2);
    }

    @Test
    void modes_bypass_refresh_and_read_only() {
        deploy(ON);
        assertThat(service.invoke(ask("Q", CacheMode.READ_ONLY)).cache()).isEqualTo("miss");
        assertThat(service.invoke(ask("Q", CacheMode.READ_ONLY)).cache()).as("read-only kept nothing").isEqualTo("miss");
        InvokeResult kept = service.invoke(ask("Q"));
        assertThat(service.invoke(ask("Q", CacheMode.BYPASS)).cache()).isEqualTo("bypass");
        InvokeResult refreshed = service.invoke(ask("Q", CacheMode.REFRESH));
        assertThat(refreshed.cache()).isEqualTo("refresh");
        assertThat(refreshed.response().content()).isNotEqualTo(kept.response().content());
        InvokeResult hit = service.invoke(ask("Q", CacheMode.READ_ONLY));
        assertThat(hit.cache()).isEqualTo("hit");
        assertThat(hit.response().content()).as("refresh replaced the entry").isEqualTo(refreshed.response().content());
        assertThat(provider.calls).hasValue(5);
        assertThat(logs).extracting(l -> l.cache().status()).containsExactly("miss", "miss", "miss", "bypass", "refresh", "hit");
    }

    @Test
    void a_variant_without_the_cache_and_a_mocked_request_store_nothing() {
        deploy(null);
        assertThat(service.invoke(ask("Q")).cache()).isNull();
        assertThat(service.invoke(ask("Q")).cache()).isNull();
        assertThat(logs.getLast().cache()).isNull();
        assertThat(provider.calls).hasValue(2);

        deploy(ON);
        InvokeRequest mocked = new InvokeRequest("d", Map.of(), Map.of("question", "Q"), null, null, null, Source.API,
                new RequestOptions(null, null, null, null, null, "canned"));
        assertThat(service.invoke(mocked).response().content()).isEqualTo("canned");
        assertThat(service.invoke(ask("Q")).cache()).as("the mock was not kept").isEqualTo("miss");
        assertThat(service.invoke(mocked).response().content()).as("a mock is never answered from the cache").isEqualTo("canned");
    }

    @Test
    void a_stream_is_answered_from_the_cache_as_a_stream_text_in_word_pieces() {
        deploy(ON);
        InvokeResult first = service.invoke(ask("Where is it?"));
        List<StreamPiece> pieces = new ArrayList<>();
        List<InvokeStreamListener.Start> starts = new ArrayList<>();
        InvokeResult streamed = service.stream(ask("Where is it?"), listener(starts, pieces));

        assertThat(provider.calls).hasValue(1);
        assertThat(streamed.cache()).isEqualTo("hit");
        assertThat(starts).singleElement().satisfies(s -> assertThat(s.cache()).isEqualTo("hit"));
        assertThat(pieces).hasSizeGreaterThan(3).allMatch(p -> p instanceof StreamPiece.Text);
        assertThat(pieces.stream().map(p -> ((StreamPiece.Text) p).text()).reduce("", String::concat)).isEqualTo(first.response().content());
        assertThat(((StreamPiece.Text) pieces.get(1)).text()).isEqualTo(" number");
        assertThat(logs.getLast().outcome().ttftMicros()).isNotNull();
    }

    @Test
    void a_streamed_miss_is_kept_and_tool_calls_come_back_from_the_cache_as_pieces() {
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null,
                new ModelConfig("paid", "m1", new ModelParameters(null, null, null, null, null, null, null, null, null,
                        List.of(new dev.junction.engine.deployment.ToolSpec("lookup", "find", Map.of("type", "object")))), 0, null),
                null, null).withCache(ON);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), new RoutingTable(List.of(), "main"));
        active.put(ActiveDeployment.build(new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now()),
                InvokeServiceTest.FIRST_MATCH, InvokeRuntime.of(new Providers(List.of(provider)), RetrySettings.DEFAULTS, InvokeLimits.DEFAULTS, catalog)));

        List<StreamPiece> live = new ArrayList<>();
        List<InvokeStreamListener.Start> starts = new ArrayList<>();
        InvokeResult miss = service.stream(ask("find order 7"), listener(starts, live));
        assertThat(miss.cache()).isEqualTo("miss");
        assertThat(starts.getLast().cache()).isEqualTo("miss");

        List<StreamPiece> replay = new ArrayList<>();
        InvokeResult hit = service.stream(ask("find order 7"), listener(starts, replay));
        assertThat(provider.calls).hasValue(1);
        assertThat(hit.cache()).isEqualTo("hit");
        assertThat(hit.response().toolCalls()).containsExactly(new ToolCall("call_1", "lookup", "{\"order\":7}"));
        assertThat(replay).containsExactly(new StreamPiece.ToolCallDelta(0, "call_1", "lookup", "{\"order\":7}"));
        assertThat(hit.response().finishReason()).isEqualTo(ChatResponse.TOOL_CALLS);
    }

    static InvokeStreamListener listener(List<InvokeStreamListener.Start> starts, List<StreamPiece> pieces) {
        return new InvokeStreamListener() {
            @Override public void start(Start start) { starts.add(start); }
            @Override public void piece(StreamPiece piece) { pieces.add(piece); }
        };
    }

    @Test
    void a_failed_request_stores_nothing() {
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null,
                ModelConfig.of("simulator", "broken"), null, null).withCache(ON);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), new RoutingTable(List.of(), "main"));
        active.put(ActiveDeployment.build(new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now()),
                InvokeServiceTest.FIRST_MATCH, new Providers(List.of(new dev.junction.engine.provider.simulator.SimulatorProvider())),
                new RetrySettings(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2), 0.0)));
        for (int i = 0; i < 2; i++) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.invoke(ask("Q"))).isInstanceOf(AllAttemptsFailedException.class);
        }
        assertThat(logs).extracting(l -> l.cache().status()).containsExactly("miss", "miss");
        assertThat(cache.memoryEntries()).isZero();
    }

    /**
     * Not a pass/fail test: the gateway time of a hit from the memory tier, for a 1 KB answer (printed for the note).
     */
    @Test
    void timing_of_a_memory_hit_for_a_1_kb_answer() {
        deploy(ON);
        String question = "q".repeat(1_000);
        service.invoke(ask(question)); // miss: kept
        // make the kept answer 1 KB
        InvokeRequest r = ask(question);
        long[] micros = new long[20_000];
        for (int i = 0; i < 5_000; i++) service.invoke(r); // warm-up
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            InvokeResult hit = service.invoke(r);
            micros[i] = (System.nanoTime() - t0) / 1_000;
            if (hit.cache() == null || !hit.cache().equals("hit")) throw new AssertionError("not a hit");
        }
        java.util.Arrays.sort(micros);
        System.out.printf("response cache memory hit (answer %d bytes): p50 %d us, p99 %d us, max %d us over %d hits%n",
                logs.get(0).bodies().answer().length(), micros[micros.length / 2], micros[micros.length * 99 / 100],
                micros[micros.length - 1], micros.length);
        logs.clear();
    }
}
