package dev.junction.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ResponseCacheSettings;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
    static final ModelConfig MODEL = ModelConfig.of("openai", "gpt-4o-mini");
    static final ChatResponse ANSWER = new ChatResponse("It ships today.", "stop", new Usage(12, 4), "gpt-4o-mini-2024");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
        void advance(Duration d) { now = now.plus(d); }
    }

    /** The shared tier as a map, like the table: what a test puts there is what another instance wrote. */
    static final class MapTier implements ResponseCache {
        final Map<String, Entry> rows = new ConcurrentHashMap<>();
        int reads;

        @Override public Entry get(String key, Instant now) {
            reads++;
            Entry e = rows.get(key);
            return e == null || !now.isBefore(e.expiresAt()) ? null : e;
        }
        @Override public void put(Entry entry) { rows.put(entry.key(), entry); }
        @Override public int invalidate(String deploymentKey) {
            int before = rows.size();
            rows.values().removeIf(e -> e.deploymentKey().equals(deploymentKey));
            return before - rows.size();
        }
    }

    final TestClock clock = new TestClock();
    final MapTier shared = new MapTier();
    final List<String> warnings = new ArrayList<>();
    final AnswerCache cache = new AnswerCache(1 << 20, shared, clock, Runnable::run, warnings::add);

    static Variant variant(Integer ttlSeconds, Integer maxEntryBytes) {
        return new Variant("v", List.of(), MODEL, null, null).withCache(new ResponseCacheSettings(true, ttlSeconds, maxEntryBytes));
    }

    CacheLookup look(Variant v, String question, CacheMode mode) {
        return cache.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user(question)), mode);
    }

    @Test
    void a_variant_without_the_cache_is_never_looked_up() {
        Variant off = new Variant("v", List.of(), MODEL, null, null);
        assertThat(look(off, "q", CacheMode.DEFAULT)).isSameAs(CacheLookup.OFF);
        assertThat(CacheLookup.OFF.status()).isNull();
        assertThat(look(off.withCache(new ResponseCacheSettings(false, 60, null)), "q", CacheMode.DEFAULT).status()).isNull();
    }

    @Test
    void a_stored_answer_is_a_hit_with_its_cost_and_age_until_its_ttl_passes_on_the_clock() {
        Variant v = variant(60, null);
        CacheLookup first = look(v, "q", CacheMode.DEFAULT);
        assertThat(first.status()).isEqualTo("miss");
        cache.store(first, ANSWER, MODEL, new BigDecimal("0.0042"));

        clock.advance(Duration.ofSeconds(59));
        CacheLookup hit = look(v, "q", CacheMode.DEFAULT);
        assertThat(hit.status()).isEqualTo("hit");
        assertThat(hit.hit().response()).isEqualTo(ANSWER);
        assertThat(hit.savedUsd()).isEqualByComparingTo("0.0042");
        assertThat(hit.ageMillis()).isEqualTo(59_000);

        clock.advance(Duration.ofSeconds(1));
        assertThat(look(v, "q", CacheMode.DEFAULT).status()).as("expired at exactly its TTL").isEqualTo("miss");
        assertThat(cache.memoryEntries()).as("the expired entry left memory").isZero();
    }

    @Test
    void a_shortened_ttl_takes_effect_on_entries_already_kept() {
        CacheLookup first = look(variant(3_600, null), "q", CacheMode.DEFAULT);
        cache.store(first, ANSWER, MODEL, null);
        clock.advance(Duration.ofSeconds(120));
        assertThat(look(variant(3_600, null), "q", CacheMode.DEFAULT).isHit()).isTrue();
        assertThat(look(variant(60, null), "q", CacheMode.DEFAULT).isHit()).isFalse();
    }

    @Test
    void bypass_neither_reads_nor_writes_refresh_writes_without_reading_read_only_reads_without_writing() {
        Variant v = variant(60, null);
        CacheLookup bypass = look(v, "q", CacheMode.BYPASS);
        assertThat(bypass.status()).isEqualTo("bypass");
        assertThat(bypass.stores()).isFalse();
        cache.store(bypass, ANSWER, MODEL, null);
        assertThat(look(v, "q", CacheMode.READ_ONLY).status()).as("read-only, nothing kept").isEqualTo("miss");
        assertThat(look(v, "q", CacheMode.READ_ONLY).stores()).isFalse();

        cache.store(look(v, "q", CacheMode.DEFAULT), ANSWER, MODEL, null);
        assertThat(look(v, "q", CacheMode.BYPASS).isHit()).as("bypass does not read").isFalse();
        assertThat(look(v, "q", CacheMode.READ_ONLY).isHit()).isTrue();

        CacheLookup refresh = look(v, "q", CacheMode.REFRESH);
        assertThat(refresh.status()).isEqualTo("refresh");
        assertThat(refresh.isHit()).isFalse();
        ChatResponse newer = new ChatResponse("It shipped.", "stop", Usage.NONE, "m");
        cache.store(refresh, newer, MODEL, null);
        assertThat(look(v, "q", CacheMode.DEFAULT).hit().response().content()).isEqualTo("It shipped.");
    }

    @Test
    void an_answer_larger_than_the_variants_limit_is_not_kept() {
        Variant small = variant(60, 400);
        CacheLookup l = look(small, "q", CacheMode.DEFAULT);
        cache.store(l, new ChatResponse("x".repeat(400), "stop", Usage.NONE, "m"), MODEL, null);
        assertThat(look(small, "q", CacheMode.DEFAULT).isHit()).isFalse();
        assertThat(shared.rows).isEmpty();
        cache.store(l, new ChatResponse("short", "stop", Usage.NONE, "m"), MODEL, null);
        assertThat(look(small, "q", CacheMode.DEFAULT).isHit()).isTrue();
    }

    @Test
    void the_memory_tier_stays_within_its_bytes_dropping_the_least_recently_used() {
        AnswerCache small = new AnswerCache(4_000, null, clock, Runnable::run, warnings::add);
        Variant v = variant(60, null);
        ChatResponse kb = new ChatResponse("y".repeat(1_000), "stop", Usage.NONE, "m");
        for (int i = 0; i < 20; i++) {
            CacheLookup l = small.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q" + i)), CacheMode.DEFAULT);
            small.store(l, kb, MODEL, null);
            // q0 is read after each store: it is the most recently used, and stays
            assertThat(small.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q0")), CacheMode.DEFAULT).isHit()).isTrue();
            assertThat(small.memoryBytes()).isLessThanOrEqualTo(4_000);
        }
        assertThat(small.memoryEntries()).isBetween(2, 3);
        assertThat(small.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q1")), CacheMode.DEFAULT).isHit()).isFalse();
    }

    @Test
    void an_entry_of_another_instance_is_read_from_the_shared_tier_and_then_from_memory() {
        Variant v = variant(60, null);
        AnswerCache other = new AnswerCache(1 << 20, shared, clock, Runnable::run, warnings::add);
        other.store(other.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q")), CacheMode.DEFAULT),
                ANSWER, MODEL, BigDecimal.ONE);
        int reads = shared.reads;
        assertThat(look(v, "q", CacheMode.DEFAULT).isHit()).isTrue();
        assertThat(look(v, "q", CacheMode.DEFAULT).isHit()).isTrue();
        assertThat(shared.reads - reads).as("the second hit came from memory").isEqualTo(1);
    }

    @Test
    void a_corrupt_or_old_format_entry_is_a_miss_reported_once_not_on_every_request() {
        Variant v = variant(60, null);
        String key = look(v, "q", CacheMode.DEFAULT).key();
        Instant now = clock.instant();
        shared.put(new ResponseCache.Entry(key, "d", "v", "{not json".getBytes(StandardCharsets.UTF_8), now, now.plusSeconds(60)));
        for (int i = 0; i < 3; i++) assertThat(look(v, "q", CacheMode.READ_ONLY).status()).isEqualTo("miss");
        assertThat(warnings).singleElement().asString().contains(key, "cannot be read", "not JSON");

        String key2 = look(v, "q2", CacheMode.DEFAULT).key();
        shared.put(new ResponseCache.Entry(key2, "d", "v", "{\"format\":0,\"provider\":\"p\"}".getBytes(StandardCharsets.UTF_8), now, now.plusSeconds(60)));
        assertThat(look(v, "q2", CacheMode.DEFAULT).isHit()).isFalse();
        assertThat(look(v, "q2", CacheMode.DEFAULT).isHit()).isFalse();
        assertThat(warnings).hasSize(2).last().asString().contains("format 0, expected 1");

        CacheLookup again = look(v, "q2", CacheMode.DEFAULT);
        cache.store(again, ANSWER, MODEL, null);
        assertThat(look(v, "q2", CacheMode.DEFAULT).isHit()).as("the next answer replaced it").isTrue();
    }

    @Test
    void a_failing_shared_tier_is_a_miss_reported_at_most_once_a_minute() {
        ResponseCache down = new ResponseCache() {
            @Override public Entry get(String key, Instant now) { throw new IllegalStateException("connection refused"); }
            @Override public void put(Entry entry) { throw new IllegalStateException("connection refused"); }
            @Override public int invalidate(String deploymentKey) { throw new IllegalStateException("connection refused"); }
        };
        AnswerCache c = new AnswerCache(1 << 20, down, clock, Runnable::run, warnings::add);
        Variant v = variant(60, null);
        CacheLookup l = c.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q")), CacheMode.DEFAULT);
        assertThat(l.status()).isEqualTo("miss");
        c.store(l, ANSWER, MODEL, null);
        assertThat(warnings).singleElement().asString().contains("connection refused");
        assertThat(c.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q")), CacheMode.DEFAULT).isHit())
                .as("still served from memory").isTrue();
    }

    @Test
    void invalidating_a_deployment_drops_its_entries_from_both_tiers_and_no_other() {
        Variant v = variant(60, null);
        cache.store(look(v, "q", CacheMode.DEFAULT), ANSWER, MODEL, null);
        CacheLookup otherDeployment = cache.lookup("e", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q")), CacheMode.DEFAULT);
        cache.store(otherDeployment, ANSWER, MODEL, null);
        assertThat(cache.invalidate("d")).isEqualTo(1);
        assertThat(look(v, "q", CacheMode.DEFAULT).isHit()).isFalse();
        assertThat(cache.lookup("e", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q")), CacheMode.DEFAULT).isHit()).isTrue();
    }

    @Test
    void the_encoded_answer_keeps_tool_calls_reasoning_and_usage_and_streams_as_pieces() throws Exception {
        ChatResponse withTools = new ChatResponse("Let me check.", "tool_calls", new Usage(10, 5, 2, 1), "m",
                List.of(new ToolCall("call_1", "lookup", "{\"id\":7}", "sig")), List.of(Reasoning.text("thinking", "s1"), Reasoning.redacted("xx")));
        CachedAnswer a = new CachedAnswer("openai", "gpt-4o-mini", withTools, new BigDecimal("0.001"));
        CachedAnswer back = CachedAnswer.decode(a.encode());
        assertThat(back).isEqualTo(a);
        assertThat(back.pieces(s -> List.of(s.split("(?=\\s)")))).containsExactly(
                new dev.junction.engine.provider.StreamPiece.ReasoningDelta("thinking", null),
                new dev.junction.engine.provider.StreamPiece.ReasoningDelta(null, "s1"),
                new dev.junction.engine.provider.StreamPiece.Text("Let"),
                new dev.junction.engine.provider.StreamPiece.Text(" me"),
                new dev.junction.engine.provider.StreamPiece.Text(" check."),
                new dev.junction.engine.provider.StreamPiece.ToolCallDelta(0, "call_1", "lookup", "{\"id\":7}"));
    }

    @Test
    void a_write_still_queued_when_its_deployment_is_invalidated_does_not_bring_the_answer_back() {
        List<Runnable> queued = new ArrayList<>();
        AnswerCache c = new AnswerCache(1 << 20, shared, clock, queued::add, warnings::add);
        Variant v = variant(60, null);
        c.store(c.lookup("d", v, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user("q")), CacheMode.DEFAULT),
                ANSWER, MODEL, null);
        clock.advance(Duration.ofMillis(5));
        c.invalidate("d");
        queued.forEach(Runnable::run); // the writer gets to it only now
        assertThat(shared.rows).isEmpty();

        // another instance's write, queued before it heard of the invalidation, lands late: its answer is not served
        Instant before = clock.instant().minusMillis(1);
        String key = look(v, "q", CacheMode.READ_ONLY).key();
        cache.dropLocal("d");
        byte[] payload = new CachedAnswer("openai", "gpt-4o-mini", ANSWER, null).encode();
        shared.put(new ResponseCache.Entry(key, "d", "v", payload, before, before.plusSeconds(60)));
        assertThat(look(v, "q", CacheMode.READ_ONLY).isHit()).isFalse();
    }
}
