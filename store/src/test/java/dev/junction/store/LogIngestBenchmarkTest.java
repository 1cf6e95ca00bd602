package dev.junction.store;

import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.support.Ids;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest figure, not a check (it asserts nothing about time): pushes generated entries with bodies (about 1.2 KB of
 * JSON each) through the real writer into an embedded PostgreSQL and prints entries per second as {@code FIGURE}.
 * Off in the suite; run it with
 * {@code ./mvnw -o -q -pl store -am test -Dtest=LogIngestBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Djunction.bench=true [-Djunction.bench.entries=500000 -Djunction.bench.batch=1000 -Djunction.bench.sync=on]}.
 */
@EnabledIfSystemProperty(named = "junction.bench", matches = "true")
class LogIngestBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void ingest() throws Exception {
        int entries = Integer.getInteger("junction.bench.entries", 500_000);
        int batch = Integer.getInteger("junction.bench.batch", 1_000);
        int producers = Integer.getInteger("junction.bench.producers", 2);
        String sync = System.getProperty("junction.bench.sync", "off");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setServerConfig("synchronous_commit", sync).start()) {
            Database.migrate(pg.getPostgresDatabase());
            BatchingLogWriter writer = new BatchingLogWriter(
                    BatchingLogWriter.ConnectionSource.of(pg.getJdbcUrl("postgres", "postgres")),
                    BatchingLogWriter.Options.defaults(dir.resolve("spill")).withBatchSize(batch)
                            .withShutdownBudget(Duration.ofMinutes(5)));
            Ids ids = new Ids(Clock.systemUTC());
            int perProducer = entries / producers;
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        while (writer.queued() > 50_000) Thread.onSpinWait();
                        writer.record(entry(ids, i));
                    }
                }));
            }
            for (Thread t : threads) t.join();
            long total = (long) perProducer * producers;
            while (writer.written() < total) Thread.sleep(1);
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.close();
            System.out.printf("FIGURE log ingest: %d entries (with bodies) in %.1f s = %.0f entries/s; batch %d,"
                            + " %d producer threads, synchronous_commit=%s, spilled %d, dropped %d%n",
                    total, seconds, total / seconds, batch, producers, sync, writer.spilled(), writer.dropped());
        }
    }

    private static RequestLog entry(Ids ids, int i) {
        Attempt attempt = new Attempt("primary", 1, "openai", "gpt-4o-mini", true, 200, null, null, 812_000, 412, 96,
                null, 0, new BigDecimal("0.0001194000"), "2026-11-01");
        return new RequestLog(ids.next(), Instant.now(), "customer-support", null, null, 3, "english",
                "Matched", "rule-" + (i % 10), "openai", "gpt-4o-mini", "success", 200, null, 815_000 + i % 1000, 412, 96,
                Source.SDK, Map.of("language", "en", "tier", "gold", "user_id", "user-" + (i % 5000)), List.of(attempt),
                Map.of("team", "support", "trace", "t-" + i), "user-" + (i % 5000), "thread-" + (i % 20_000),
                Map.of("identity", Map.of("id", "user-" + (i % 5000))), 0, new BigDecimal("0.0001194000"),
                "2026-11-01", 310_000L,
                new RequestLog.Bodies(Map.of("question", "Where is my order number " + i + "? It was due last week."),
                        List.of(PromptMessage.system("You are a support agent of Acme. Answer briefly and politely, in"
                                        + " the customer's language. Never promise refunds."),
                                PromptMessage.user("Where is my order number " + i + "? It was due last week.")),
                        "Your order " + i + " left our warehouse yesterday and should arrive within two working days."
                                + " You will get a tracking link by email.", "stop"));
    }
}
