package dev.junction.store;

import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.LogStatus;
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

import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest figure, not a check (it asserts nothing about time): pushes generated entries with bodies (about 1.2 KB of
 * JSON each) through the real writer into an embedded PostgreSQL and prints entries per second as {@code FIGURE}.
 * Not in the suite (surefire runs *Test classes only); run it with
 * {@code ./mvnw -o -q -pl store -am test -Dtest=LogIngestBench -Dsurefire.failIfNoSpecifiedTests=false
 * [-Djunction.bench.entries=500000 -Djunction.bench.batch=1000 -Djunction.bench.sync=on]}.
 */

class LogIngestBench {
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
            long pgPid = Long.parseLong(java.nio.file.Files.readAllLines(dir.resolve("pg/postmaster.pid")).getFirst().trim());
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long jvmCpu0 = os.getProcessCpuTime();
            long pgCpu0 = cpuNanosOfTree(pgPid);
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        while (writer.queued() > 50_000) sleep();
                        writer.record(entry(ids, i));
                    }
                }));
            }
            for (Thread t : threads) t.join();
            long total = (long) perProducer * producers;
            while (writer.written() < total) Thread.sleep(1);
            double seconds = (System.nanoTime() - start) / 1e9;
            double jvmUs = (os.getProcessCpuTime() - jvmCpu0) / 1e3 / total;
            double pgUs = (cpuNanosOfTree(pgPid) - pgCpu0) / 1e3 / total;
            writer.close();
            System.out.printf("FIGURE log ingest: %d entries (with bodies) in %.1f s = %.0f entries/s; batch %d,"
                            + " %d producer threads, synchronous_commit=%s, spilled %d, dropped %d; CPU per entry:"
                            + " %.1f us in the JVM (making the entries included) + %.1f us in PostgreSQL; load average %s%n",
                    total, seconds, total / seconds, batch, producers, sync, writer.spilled(), writer.dropped(),
                    jvmUs, pgUs, java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    @Test
    void phases() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg2")).start()) {
            Database.migrate(pg.getPostgresDatabase());
            Ids ids = new Ids(Clock.systemUTC());
            List<RequestLog> es = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 50_000; i++) es.add(entry(ids, i));
            long t1 = System.nanoTime();
            List<Object[]> rows = new ArrayList<>();
            for (RequestLog e : es) rows.add(LogRows.of(e));
            long t2 = System.nanoTime();
            System.out.printf("PHASE make %.0f/s, rows %.0f/s%n", 50_000 / ((t1 - t0) / 1e9), 50_000 / ((t2 - t1) / 1e9));
            for (int batch : new int[] {500, 1000, 5000}) {
                try (var c = BatchingLogWriter.ConnectionSource.of(pg.getJdbcUrl("postgres", "postgres")).open()) {
                    c.createStatement().execute("truncate request_logs");
                    long textNs = 0, execNs = 0;
                    var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
                    for (int off = 0; off + batch <= rows.size(); off += batch) {
                        long a = System.nanoTime();
                        StringBuilder sb = new StringBuilder();
                        for (Object[] r : rows.subList(off, off + batch)) LogRows.copyLine(sb, r);
                        long b = System.nanoTime();
                        copy.copyIn(LogRows.copySql(), new java.io.StringReader(sb.toString()));
                        execNs += System.nanoTime() - b;
                        textNs += b - a;
                    }
                    System.out.printf("PHASE copy batch %d: text %.0f ms, copy %.0f ms for %d rows = %.0f rows/s%n",
                            batch, textNs / 1e6, execNs / 1e6, rows.size(), rows.size() / ((textNs + execNs) / 1e9));
                }
            }
            for (int batch : new int[] {500, 1000}) {
                try (var c = BatchingLogWriter.ConnectionSource.of(pg.getJdbcUrl("postgres", "postgres")).open()) {
                    c.createStatement().execute("truncate request_logs");
                    long sqlNs = 0, bindNs = 0, execNs = 0;
                    for (int off = 0; off + batch <= rows.size(); off += batch) {
                        long a = System.nanoTime();
                        String sql = LogRows.insertSql(batch);
                        long b = System.nanoTime();
                        try (var ps = c.prepareStatement(sql)) {
                            int idx = 1;
                            for (Object[] r : rows.subList(off, off + batch)) idx = LogRows.bind(ps, idx, r);
                            long d = System.nanoTime();
                            ps.executeUpdate();
                            long e = System.nanoTime();
                            bindNs += d - b;
                            execNs += e - d;
                        }
                        sqlNs += b - a;
                    }
                    System.out.printf("PHASE batch %d: sql %.0f ms, bind %.0f ms, execute %.0f ms for %d rows = %.0f rows/s%n",
                            batch, sqlNs / 1e6, bindNs / 1e6, execNs / 1e6, rows.size(),
                            rows.size() / ((sqlNs + bindNs + execNs) / 1e9));
                }
            }
        }
    }

    /** CPU time of a process and its children (PostgreSQL's postmaster and backends), from /proc (Linux). */
    private static long cpuNanosOfTree(long pid) throws java.io.IOException {
        long ticks = 0;
        try (var procs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = java.nio.file.Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ppid = Long.parseLong(f[1]);
                    long self = Long.parseLong(p.getFileName().toString());
                    if (self == pid || ppid == pid) ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RequestLog entry(Ids ids, int i) {
        RequestLog.Usage usage = new RequestLog.Usage(412, 96, 0, new BigDecimal("0.0001194000"), "2026-11-01");
        Attempt attempt = Attempt.succeeded(Attempt.Option.PRIMARY, 1, "openai", "gpt-4o-mini", 812_000, usage);
        return RequestLog.builder(ids.next(), Instant.now())
                .deployment("customer-support", null, null, 3).variant("english", "Matched", "rule-" + (i % 10))
                .model("openai", "gpt-4o-mini").status(LogStatus.SUCCESS, 200).latencyMicros(815_000 + i % 1000)
                .ttftMicros(310_000L).usage(usage).source(Source.SDK)
                .context(Map.of("language", "en", "tier", "gold", "user_id", "user-" + (i % 5000)))
                .attempts(List.of(attempt)).metadata(Map.of("team", "support", "trace", "t-" + i))
                .identity("user-" + (i % 5000), "thread-" + (i % 20_000))
                .request(Map.of("identity", Map.of("id", "user-" + (i % 5000))))
                .bodies(new RequestLog.Bodies(Map.of("question", "Where is my order number " + i + "? It was due last week."),
                        List.of(PromptMessage.system("You are a support agent of Acme. Answer briefly and politely, in"
                                        + " the customer's language. Never promise refunds."),
                                PromptMessage.user("Where is my order number " + i + "? It was due last week.")),
                        "Your order " + i + " left our warehouse yesterday and should arrive within two working days."
                                + " You will get a tracking link by email.", "stop")).build();
    }
}
