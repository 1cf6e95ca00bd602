package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.audit.Audit;
import dev.junction.engine.audit.AuditActor;
import dev.junction.engine.audit.AuditChain;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.engine.audit.AuditQuery;
import dev.junction.engine.audit.AuditRow;
import dev.junction.engine.audit.AuditVerification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The audit trail on a real PostgreSQL: the chain, tampering found by the verifier, concurrent appenders, filters. */
class JooqAuditStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqAuditStore store = new JooqAuditStore(db.dsl());
    /** Nanoseconds PostgreSQL would round up (…999_999_999 becomes the next second): the hash must not see them. */
    private final Instant t0 = Instant.parse("2026-03-01T10:00:00.123456999Z");
    private final Audit audit = new Audit(store, Clock.fixed(t0, ZoneOffset.UTC));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private AuditRow record(String actor, String action, String id, String before, String after) {
        return audit.record(AuditEvent.of(new AuditActor("service", actor, actor + " token"), action)
                .target(action.substring(0, action.indexOf('.')), id)
                .client("10.0.0.1", "curl/8.5")
                .states(before == null ? null : json(before), after == null ? null : json(after)));
    }

    private void recordFive() {
        record("ci", "provider.update", "openai", "{\"baseUrl\":\"https://a\",\"apiKey\":\"sk-old\"}",
                "{\"baseUrl\":\"https://b\",\"apiKey\":\"sk-new\"}");
        record("ci", "deployment.draft.save", "demo", "{\"revision\":1,\"price\":1.50}", "{\"revision\":2,\"price\":1E+2}");
        record("alice", "deployment.deploy", "demo", "{\"activeVersion\":1}", "{\"activeVersion\":2,\"note\":\"café \\u0000 ok\"}");
        record("alice", "key.create", "k1", null, "{\"name\":\"app\",\"key\":\"jk_abcdefghijklmnopqrstuvwxyz\"}");
        record("bob", "provider.delete", "openai", "{\"baseUrl\":\"https://b\"}", null);
    }

    private long count(String sql) {
        return db.dsl().resultQuery(sql).fetchOne(0, Long.class);
    }

    /** Runs SQL as the table's owner with the append-only triggers off, as someone tampering with the rows would. */
    private void tamper(String sql) {
        db.dsl().transaction(tx -> {
            tx.dsl().execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
            tx.dsl().execute(sql);
            tx.dsl().execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
        });
    }

    @Test
    void appended_rows_form_a_chain_that_verifies_from_the_genesis_hash() {
        recordFive();
        List<AuditRow> rows = store.page(0, 100);
        assertThat(rows).extracting(AuditRow::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows.getFirst().prevHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < rows.size(); i++) assertThat(rows.get(i).prevHash()).isEqualTo(rows.get(i - 1).hash());
        assertThat(rows).allSatisfy(r -> assertThat(AuditChain.hash(r)).isEqualTo(r.hash()));
        assertThat(rows.getFirst().at()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));

        AuditVerification v = audit.verify(null);
        assertThat(v.ok()).isTrue();
        assertThat(v.checked()).isEqualTo(5);
        assertThat(v.firstBroken()).isNull();
        assertThat(v.head()).isEqualTo(new AuditVerification.Checkpoint(5, rows.getLast().hash()));
    }

    @Test
    void secrets_are_stored_redacted_and_a_changed_key_shows_as_changed() {
        recordFive();
        AuditRow provider = store.page(0, 1).getFirst();
        assertThat(provider.before().get("apiKey").asText()).isEqualTo("[redacted]");
        assertThat(provider.diff().toString()).doesNotContain("sk-old", "sk-new");
        assertThat(provider.diff()).contains(json("{\"path\":\"apiKey\",\"before\":\"[redacted]\",\"after\":\"[redacted]\"}"),
                json("{\"path\":\"baseUrl\",\"before\":\"https://a\",\"after\":\"https://b\"}"));
        AuditRow key = store.page(3, 1).getFirst();
        assertThat(key.after().get("key").asText()).isEqualTo("[redacted]");
        assertThat(count("SELECT count(*) FROM audit_log WHERE before::text LIKE '%sk-%' OR after::text LIKE '%sk-%'"
                + " OR diff::text LIKE '%sk-%' OR after::text LIKE '%jk\\_%'")).isZero();
    }

    @Test
    void the_table_refuses_update_delete_and_truncate() {
        recordFive();
        assertThatThrownBy(() -> db.dsl().execute("UPDATE audit_log SET action = 'x' WHERE seq = 1"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.dsl().execute("DELETE FROM audit_log WHERE seq = 5"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.dsl().execute("TRUNCATE audit_log")).hasMessageContaining("append-only");
        assertThat(store.page(0, 100)).hasSize(5);
    }

    @Test
    void an_edited_row_is_found_at_its_seq() {
        recordFive();
        tamper("UPDATE audit_log SET after = jsonb_set(after, '{activeVersion}', '1') WHERE seq = 3");
        AuditVerification v = audit.verify(null);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBroken().seq()).isEqualTo(3);
        assertThat(v.firstBroken().reason()).contains("hash mismatch");
        assertThat(v.checked()).isEqualTo(3);
    }

    @Test
    void an_edited_row_whose_hash_was_recomputed_breaks_the_next_link() {
        recordFive();
        tamper("UPDATE audit_log SET actor_name = 'someone else', hash = repeat('a', 64) WHERE seq = 2");
        AuditVerification v = audit.verify(null);
        // row 2's own hash is now wrong too; either way the verifier stops at 2
        assertThat(v.firstBroken().seq()).isEqualTo(2);
    }

    @Test
    void a_removed_row_is_found_as_a_gap() {
        recordFive();
        tamper("DELETE FROM audit_log WHERE seq = 3");
        AuditVerification v = audit.verify(null);
        assertThat(v.firstBroken()).isEqualTo(new AuditVerification.Broken(4, "seq 3 missing: rows were removed"));
    }

    @Test
    void a_removed_and_renumbered_row_breaks_the_prev_hash_link() {
        recordFive();
        tamper("DELETE FROM audit_log WHERE seq = 3");
        tamper("UPDATE audit_log SET seq = seq - 1 WHERE seq > 3");
        AuditVerification v = audit.verify(null);
        assertThat(v.firstBroken().seq()).isEqualTo(3);
        assertThat(v.firstBroken().reason()).contains("prev_hash does not match the hash of seq 2");
    }

    @Test
    void removing_the_newest_rows_is_only_found_with_a_checkpoint() {
        recordFive();
        AuditVerification.Checkpoint head = audit.verify(null).head();
        tamper("DELETE FROM audit_log WHERE seq >= 4");

        assertThat(audit.verify(null).ok()).as("without a checkpoint the shorter chain still holds").isTrue();
        AuditVerification v = audit.verify(head);
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBroken().seq()).isEqualTo(5);
        assertThat(v.firstBroken().reason()).contains("chain ends at seq 3");
    }

    @Test
    void a_chain_rewritten_from_an_old_row_no_longer_matches_the_checkpoint() {
        recordFive();
        AuditVerification.Checkpoint head = audit.verify(null).head();
        // the tamperer removes everything after row 2 and appends new rows of their own, correctly chained
        tamper("DELETE FROM audit_log WHERE seq >= 3");
        record("mallory", "provider.update", "openai", "{}", "{\"a\":1}");
        record("mallory", "provider.update", "openai", "{}", "{\"a\":2}");
        record("mallory", "provider.update", "openai", "{}", "{\"a\":3}");

        assertThat(audit.verify(null).ok()).isTrue();
        AuditVerification v = audit.verify(head);
        assertThat(v.firstBroken().seq()).isEqualTo(5);
        assertThat(v.firstBroken().reason()).contains("differs from the checkpoint");
    }

    @Test
    void two_appenders_on_separate_connections_build_one_valid_chain() throws Exception {
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String who : List.of("instance-a", "instance-b")) {
                done.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(db.jdbcUrl())) {
                        DSLContext own = DSL.using(c, SQLDialect.POSTGRES);
                        Audit instance = new Audit(new JooqAuditStore(own), Clock.systemUTC());
                        start.await();
                        for (int i = 0; i < each; i++) {
                            AuditRow row = instance.record(AuditEvent.of(new AuditActor("service", who, who), "test.append")
                                    .target("test", who + "-" + i));
                            assertThat(row).as("appended, not queued").isNotNull();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        AuditVerification v = audit.verify(null);
        assertThat(v.ok()).as(String.valueOf(v.firstBroken())).isTrue();
        assertThat(v.checked()).isEqualTo(2L * each);
        assertThat(count("SELECT count(DISTINCT prev_hash) FROM audit_log")).isEqualTo(2L * each);
    }

    @Test
    void find_filters_by_actor_action_prefix_target_and_time_and_pages_by_seq() {
        recordFive();
        assertThat(store.find(new AuditQuery("alice", null, null, null, null, null, null, 10)))
                .extracting(AuditRow::seq).containsExactly(4L, 3L);
        assertThat(store.find(new AuditQuery("ci token", null, null, null, null, null, null, 10)))
                .extracting(AuditRow::seq).containsExactly(2L, 1L);
        assertThat(store.find(new AuditQuery(null, "provider.", null, null, null, null, null, 10)))
                .extracting(AuditRow::seq).containsExactly(5L, 1L);
        assertThat(store.find(new AuditQuery(null, "deployment.d", null, null, null, null, null, 10)))
                .extracting(AuditRow::action).containsExactly("deployment.deploy", "deployment.draft.save");
        assertThat(store.find(new AuditQuery(null, "%", null, null, null, null, null, 10))).as("LIKE characters are literal").isEmpty();
        assertThat(store.find(new AuditQuery(null, null, "deployment", "demo", null, null, null, 10))).hasSize(2);
        assertThat(store.find(new AuditQuery(null, null, null, null, t0.minusSeconds(1), t0.plusSeconds(1), null, 10))).hasSize(5);
        assertThat(store.find(new AuditQuery(null, null, null, null, t0.plusSeconds(1), null, null, 10))).isEmpty();

        List<AuditRow> first = store.find(AuditQuery.all(2));
        assertThat(first).extracting(AuditRow::seq).containsExactly(5L, 4L);
        assertThat(store.find(AuditQuery.all(2).beforeSeq(4L))).extracting(AuditRow::seq).containsExactly(3L, 2L);
    }

    @Test
    void export_streams_every_matching_row_oldest_first_in_pages() {
        recordFive();
        List<Long> seen = new ArrayList<>();
        store.export(AuditQuery.all(2), r -> seen.add(r.seq()));
        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
        seen.clear();
        store.export(new AuditQuery(null, "deployment.", null, null, null, null, null, 1), r -> seen.add(r.seq()));
        assertThat(seen).containsExactly(2L, 3L);
    }

    @Test
    void entries_wait_in_memory_while_the_database_fails_and_are_appended_in_order_after() {
        boolean[] down = {true};
        Audit flaky = new Audit(new dev.junction.engine.audit.AuditStore() {
            @Override public AuditRow append(AuditEvent e, JsonNode diff) {
                if (down[0]) throw new DataAccessException("connection refused");
                return store.append(e, diff);
            }
            @Override public List<AuditRow> find(AuditQuery q) { return store.find(q); }
            @Override public void export(AuditQuery q, java.util.function.Consumer<AuditRow> each) { store.export(q, each); }
            @Override public List<AuditRow> page(long after, int limit) { return store.page(after, limit); }
        }, Clock.systemUTC());
        AuditActor ci = new AuditActor("service", "ci", "ci");
        assertThat(flaky.record(AuditEvent.of(ci, "a.one"))).isNull();
        assertThat(flaky.record(AuditEvent.of(ci, "a.two"))).isNull();
        assertThat(flaky.pendingCount()).isEqualTo(2);
        down[0] = false;
        assertThat(flaky.record(AuditEvent.of(ci, "a.three"))).isNotNull();
        assertThat(flaky.pendingCount()).isZero();
        assertThat(store.page(0, 10)).extracting(AuditRow::action).containsExactly("a.one", "a.two", "a.three");
        assertThat(flaky.verify(null).ok()).isTrue();
    }
}
