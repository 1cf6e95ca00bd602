package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.cache.AnswerCache;
import dev.junction.engine.cache.CacheLookup;
import dev.junction.engine.cache.CacheMode;
import dev.junction.engine.cache.ResponseCache;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ResponseCacheSettings;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two gateway instances' caches on one real PostgreSQL: shared hits, invalidation told to the other instance. */
class JooqResponseCacheTest {
    static final ModelConfig MODEL = ModelConfig.of("openai", "gpt-4o-mini");
    static final Variant VARIANT = new Variant("v", List.of(), MODEL, null, null).withCache(new ResponseCacheSettings(true, 600, null));
    static final ChatResponse ANSWER = new ChatResponse("a".repeat(1_000), "stop", new Usage(300, 250), "gpt-4o-mini");

    final TestDatabase db = TestDatabase.fresh();
    final Clock clock = Clock.systemUTC();
    final List<String> warnings = new ArrayList<>();

    AnswerCache instance() {
        return new AnswerCache(1 << 20, new JooqResponseCache(db.dsl(), clock), clock, Runnable::run, warnings::add);
    }

    static CacheLookup look(AnswerCache cache, String deployment, String question) {
        return cache.lookup(deployment, VARIANT, List.of(MODEL), ModelParameters.DEFAULTS, List.of(PromptMessage.user(question)), CacheMode.DEFAULT);
    }

    @Test
    void an_answer_kept_by_one_instance_is_a_hit_on_the_other() {
        AnswerCache a = instance();
        AnswerCache b = instance();
        CacheLookup miss = look(a, "d", "q");
        a.store(miss, ANSWER, MODEL, new BigDecimal("0.000195"));

        CacheLookup hit = look(b, "d", "q");
        assertThat(hit.isHit()).isTrue();
        assertThat(hit.hit().response()).isEqualTo(ANSWER);
        assertThat(hit.savedUsd()).isEqualByComparingTo("0.000195");
        assertThat(db.dsl().fetchValue("SELECT variant_key FROM response_cache WHERE key = ?", miss.key())).isEqualTo("v");
        assertThat(warnings).isEmpty();
    }

    @Test
    void invalidation_deletes_the_deployments_rows_and_tells_the_other_instances_to_drop_their_memory() throws Exception {
        AnswerCache a = instance();
        AnswerCache b = instance();
        a.store(look(a, "d", "q1"), ANSWER, MODEL, null);
        a.store(look(a, "d", "q2"), ANSWER, MODEL, null);
        a.store(look(a, "e", "q1"), ANSWER, MODEL, null);
        assertThat(look(b, "d", "q1").isHit()).isTrue(); // now in b's memory too

        LinkedBlockingQueue<Notifications.Event> events = new LinkedBlockingQueue<>();
        try (Notifications ignored = Notifications.listen(db.jdbcUrl(), events::add)) {
            assertThat(a.invalidate("d")).isEqualTo(2);
            Notifications.Event told = events.poll(10, TimeUnit.SECONDS);
            assertThat(told).isEqualTo(new Notifications.Event("response_cache", "d"));
            b.dropLocal(told.key()); // what the gateway's change feed does
        }
        assertThat(look(b, "d", "q1").isHit()).isFalse();
        assertThat(look(a, "d", "q2").isHit()).isFalse();
        assertThat(look(b, "e", "q1").isHit()).as("another deployment's answers stay").isTrue();
    }

    @Test
    void expired_and_unreadable_rows_are_misses_and_expired_rows_are_purged() {
        JooqResponseCache shared = new JooqResponseCache(db.dsl(), clock);
        Instant now = clock.instant();
        shared.put(new ResponseCache.Entry("0".repeat(64), "d", "v", "x".getBytes(StandardCharsets.UTF_8), now.minusSeconds(20), now.minusSeconds(10)));
        assertThat(shared.get("0".repeat(64), now)).isNull();
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("response_cache"))).as("purged by the write that noticed").isZero();
        shared.put(new ResponseCache.Entry("1".repeat(64), "d", "v", "x".getBytes(StandardCharsets.UTF_8), now.minusSeconds(20), now.minusSeconds(10)));
        assertThat(shared.purgeExpired(now)).isEqualTo(1);

        AnswerCache a = instance();
        String key = look(a, "d", "q").key();
        shared.put(new ResponseCache.Entry(key, "d", "v", "\u0000garbage".getBytes(StandardCharsets.UTF_8), now, now.plusSeconds(60)));
        assertThat(look(a, "d", "q").isHit()).isFalse();
        assertThat(look(a, "d", "q").isHit()).isFalse();
        assertThat(warnings).hasSize(1);
    }

    /**
     * Not pass/fail: the added time of a hit read from PostgreSQL (another instance's entry), printed for the note;
     * through the gateway's own connection pool ({@link Database#external}).
     */
    @Test
    void timing_of_a_hit_from_the_shared_tier() {
        try (Database pooled = Database.external(db.jdbcUrl())) {
            timing(() -> new AnswerCache(1 << 20, new JooqResponseCache(pooled.dsl(), clock), clock, Runnable::run, warnings::add));
        }
    }

    private void timing(java.util.function.Supplier<AnswerCache> instance) {
        AnswerCache writer = instance.get();
        int n = 2_000;
        for (int i = 0; i < n; i++) writer.store(look(writer, "d", "q" + i), ANSWER, MODEL, null);
        long[] shared = new long[n];
        long[] memory = new long[n];
        for (int round = 0; round < 2; round++) { // the first round warms the JIT and the connection pool
            AnswerCache r = instance.get();
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                CacheLookup hit = look(r, "d", "q" + i);
                long t1 = System.nanoTime();
                CacheLookup again = look(r, "d", "q" + i);
                long t2 = System.nanoTime();
                if (!hit.isHit() || !again.isHit()) throw new AssertionError("not a hit");
                shared[i] = (t1 - t0) / 1_000;
                memory[i] = (t2 - t1) / 1_000;
            }
        }
        Arrays.sort(shared);
        Arrays.sort(memory);
        System.out.printf("response cache lookup, 1 KB answer: from PostgreSQL p50 %d us p99 %d us; from memory p50 %d us p99 %d us%n",
                shared[n / 2], shared[n * 99 / 100], memory[n / 2], memory[n * 99 / 100]);
    }
}
