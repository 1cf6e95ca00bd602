package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.log.RequestLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops in the middle of the load and comes back: every entry recorded meanwhile arrives, exactly once.
 * A server of its own (the other tests share one), restarted on the same data directory and port.
 */
@Tag("alone") // stops or kills PostgreSQL and waits on short windows: run with no other test class beside it
class BatchingLogWriterOutageTest {
    @TempDir
    Path dir;

    private EmbeddedPostgres start(int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(false)
                .setPort(port).start();
    }

    @Test
    void every_entry_arrives_exactly_once_when_postgresql_stops_and_starts_again_under_load() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = start(port);
        Database.migrate(pg.getPostgresDatabase());
        String url = pg.getJdbcUrl("postgres", "postgres");
        // A small memory budget, so that the outage goes to the journal on disk.
        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(url),
                BatchingLogWriter.Options.defaults(dir.resolve("spill")).withMemoryBytes(16L << 20));

        Set<UUID> recorded = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            producers.add(Thread.ofPlatform().start(() -> {
                int i = 0;
                while (!stop.get()) {
                    RequestLog e = BatchingLogWriterTest.entry(i++);
                    recorded.add(e.id());
                    writer.record(e);
                    LockSupport.parkNanos(200_000); // ~2,000-5,000 entries/s per thread
                }
            }));
        }
        BatchingLogWriterTest.await(() -> writer.written() > 5_000, Duration.ofSeconds(60));
        long beforeOutage = recorded.size();
        pg.close();
        long stoppedAt = System.nanoTime();
        Thread.sleep(300); // a batch in flight when the server stopped has its answer by now
        long spilledAtStop = writer.spilled();
        long writtenAtStop = writer.written();
        Thread.sleep(3_000);
        long duringOutage = recorded.size() - beforeOutage;
        assertThat(writer.spilled()).as("entries recorded while the database is down go to the spill").isGreaterThan(spilledAtStop);
        assertThat(writer.written()).as("nothing is written while the database is down").isEqualTo(writtenAtStop);
        pg = start(port);
        long outageMs = (System.nanoTime() - stoppedAt) / 1_000_000;
        Thread.sleep(1_000);
        stop.set(true);
        for (Thread p : producers) p.join();

        BatchingLogWriterTest.await(() -> writer.spillPending() == 0 && writer.queued() == 0, Duration.ofSeconds(120));
        writer.close();
        try {
            var dsl = org.jooq.impl.DSL.using(pg.getPostgresDatabase(), org.jooq.SQLDialect.POSTGRES);
            List<UUID> ids = dsl.fetch("select id from request_logs").getValues(0, UUID.class);
            assertThat(ids).as("no entry twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(ids)).as("every entry").isEqualTo(recorded);
            assertThat(writer.dropped()).isZero();
            assertThat(writer.spillBytes()).isZero();
            System.out.printf("FIGURE log outage: %d entries recorded (%d during a %d ms outage), %d spilled and"
                            + " replayed, %d in the database, 0 lost, 0 twice%n", recorded.size(), duringOutage, outageMs,
                    writer.spilled(), ids.size());
        } finally {
            pg.close();
        }
    }
}
