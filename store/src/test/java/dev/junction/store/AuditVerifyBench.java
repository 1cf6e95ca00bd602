package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.junction.engine.audit.Audit;
import dev.junction.engine.audit.AuditActor;
import dev.junction.engine.audit.AuditChain;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.engine.audit.AuditVerification;
import dev.junction.engine.audit.CanonicalJson;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Verifying a long audit trail in bounded memory: writes {@code -Daudit.rows} (default 1,000,000) chained rows with
 * COPY, then walks them with {@link Audit#verify} and prints the time and the heap in use. Run alone with a small
 * heap to see the bound: {@code -Dtest=AuditVerifyBench -DargLine=-Xmx96m}. Reports, does not assert timings.
 */
@Tag("benchmark")
class AuditVerifyBench {
    @Test
    void verifies_a_million_rows_in_pages() throws Exception {
        int rows = Integer.getInteger("audit.rows", 1_000_000);
        TestDatabase db = TestDatabase.fresh();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        AuditActor actor = new AuditActor("service", "ci", "ci");
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
            String prev = AuditChain.GENESIS;
            StringBuilder batch = new StringBuilder();
            for (int seq = 1; seq <= rows; seq++) {
                JsonNode after = JsonNodeFactory.instance.objectNode().put("activeVersion", seq).put("label", "v" + seq);
                JsonNode diff = JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                        .put("path", "activeVersion").put("before", seq - 1).put("after", seq));
                AuditEvent e = AuditEvent.of(actor, "deployment.deploy").target("deployment", "demo").at(t0.plusMillis(seq))
                        .states(null, after);
                String hash = AuditChain.hash(prev, seq, e, diff);
                batch.append(seq).append('\t').append(AuditChain.at(e.at())).append("\tservice\tci\tci\t\\N\t\\N\tdeployment.deploy\tdeployment\tdemo\t\\N\t")
                        .append(CanonicalJson.write(after)).append('\t').append(CanonicalJson.write(diff)).append('\t')
                        .append(prev).append('\t').append(hash).append('\n');
                prev = hash;
                if (seq % 50_000 == 0 || seq == rows) {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY audit_log (seq, at, actor_kind, actor_id, actor_name, ip,"
                            + " user_agent, action, target_kind, target_id, before, after, diff, prev_hash, hash) FROM STDIN",
                            new StringReader(batch.toString()));
                    batch.setLength(0);
                }
            }
        }
        System.out.printf("audit bench: %,d rows written in %d ms%n", rows, (System.nanoTime() - start) / 1_000_000);
        Audit audit = new Audit(new JooqAuditStore(db.dsl()), Clock.systemUTC());
        Runtime rt = Runtime.getRuntime();
        long[] peak = {0};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                try { Thread.sleep(50); } catch (InterruptedException e) { return; }
            }
        });
        start = System.nanoTime();
        AuditVerification v = audit.verify(null);
        long ms = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        System.out.printf("audit bench: verified %,d rows in %d ms (%,.0f rows/s); max heap %d MB, peak in use %d MB%n",
                v.checked(), ms, v.checked() * 1000.0 / ms, rt.maxMemory() >> 20, peak[0] >> 20);
        assertThat(v.ok()).isTrue();
        assertThat(v.checked()).isEqualTo(rows);
    }
}
