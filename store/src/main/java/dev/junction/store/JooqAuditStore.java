package dev.junction.store;

import static dev.junction.store.generated.Tables.AUDIT_LOG;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.audit.AuditActor;
import dev.junction.engine.audit.AuditChain;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.engine.audit.AuditQuery;
import dev.junction.engine.audit.AuditRow;
import dev.junction.engine.audit.AuditStore;
import dev.junction.engine.audit.CanonicalJson;
import dev.junction.store.generated.tables.records.AuditLogRecord;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The audit trail in {@code audit_log} (V017). Appends are serialized across every gateway instance on the database by
 * a transaction-level advisory lock: lock, read the last row, insert seq + 1 chained to its hash, commit (the lock goes
 * with the transaction). The transaction is READ COMMITTED on purpose: each statement sees what was committed before
 * it started, so the read after the lock sees the previous holder's row (under REPEATABLE READ the snapshot would be
 * taken by the lock statement, before the lock is granted, and two appenders could chain to the same row).
 */
public final class JooqAuditStore implements AuditStore {
    /** The advisory lock of the appenders. */
    static final String LOCK = "junction.audit_log";

    private final DSLContext dsl;

    public JooqAuditStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public AuditRow append(AuditEvent e, JsonNode diff) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            t.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
            t.resultQuery("SELECT pg_advisory_xact_lock(hashtext(?))", LOCK).fetch();
            Record2<Long, String> last = t.select(AUDIT_LOG.SEQ, AUDIT_LOG.HASH).from(AUDIT_LOG)
                    .orderBy(AUDIT_LOG.SEQ.desc()).limit(1).fetchOne();
            long seq = last == null ? 1 : last.value1() + 1;
            String prev = last == null ? AuditChain.GENESIS : last.value2();
            String hash = AuditChain.hash(prev, seq, e, diff);
            t.insertInto(AUDIT_LOG)
                    .set(AUDIT_LOG.SEQ, seq)
                    .set(AUDIT_LOG.AT, e.at().atOffset(ZoneOffset.UTC))
                    .set(AUDIT_LOG.ACTOR_KIND, e.actor().kind())
                    .set(AUDIT_LOG.ACTOR_ID, e.actor().id())
                    .set(AUDIT_LOG.ACTOR_NAME, e.actor().name())
                    .set(AUDIT_LOG.IP, e.ip())
                    .set(AUDIT_LOG.USER_AGENT, e.userAgent())
                    .set(AUDIT_LOG.ACTION, e.action())
                    .set(AUDIT_LOG.TARGET_KIND, e.targetKind())
                    .set(AUDIT_LOG.TARGET_ID, e.targetId())
                    .set(AUDIT_LOG.BEFORE, jsonb(e.before()))
                    .set(AUDIT_LOG.AFTER, jsonb(e.after()))
                    .set(AUDIT_LOG.DIFF, jsonb(diff))
                    .set(AUDIT_LOG.PREV_HASH, prev)
                    .set(AUDIT_LOG.HASH, hash)
                    .execute();
            return new AuditRow(seq, e.at(), e.actor(), e.ip(), e.userAgent(), e.action(), e.targetKind(), e.targetId(),
                    e.before(), e.after(), diff, prev, hash);
        });
    }

    @Override
    public List<AuditRow> find(AuditQuery q) {
        Condition where = filters(q);
        if (q.beforeSeq() != null) where = where.and(AUDIT_LOG.SEQ.lt(q.beforeSeq()));
        return dsl.selectFrom(AUDIT_LOG).where(where).orderBy(AUDIT_LOG.SEQ.desc()).limit(q.limit())
                .fetch(JooqAuditStore::row);
    }

    @Override
    public void export(AuditQuery q, Consumer<AuditRow> each) {
        Condition where = filters(q);
        long after = 0;
        while (true) {
            List<AuditRow> page = dsl.selectFrom(AUDIT_LOG).where(where.and(AUDIT_LOG.SEQ.gt(after)))
                    .orderBy(AUDIT_LOG.SEQ).limit(q.limit()).fetch(JooqAuditStore::row);
            for (AuditRow row : page) each.accept(row);
            if (page.size() < q.limit()) return;
            after = page.getLast().seq();
        }
    }

    @Override
    public List<AuditRow> page(long afterSeq, int limit) {
        return dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.SEQ.gt(afterSeq)).orderBy(AUDIT_LOG.SEQ).limit(limit)
                .fetch(JooqAuditStore::row);
    }

    private static Condition filters(AuditQuery q) {
        List<Condition> c = new ArrayList<>();
        if (q.actor() != null) c.add(AUDIT_LOG.ACTOR_ID.eq(q.actor()).or(AUDIT_LOG.ACTOR_NAME.eq(q.actor())));
        if (q.actionPrefix() != null) c.add(AUDIT_LOG.ACTION.startsWith(q.actionPrefix()));
        if (q.targetKind() != null) c.add(AUDIT_LOG.TARGET_KIND.eq(q.targetKind()));
        if (q.targetId() != null) c.add(AUDIT_LOG.TARGET_ID.eq(q.targetId()));
        if (q.from() != null) c.add(AUDIT_LOG.AT.ge(q.from().atOffset(ZoneOffset.UTC)));
        if (q.to() != null) c.add(AUDIT_LOG.AT.lt(q.to().atOffset(ZoneOffset.UTC)));
        return DSL.and(c);
    }

    private static JSONB jsonb(JsonNode node) {
        return node == null ? null : JSONB.valueOf(CanonicalJson.write(node));
    }

    private static JsonNode json(JSONB value) {
        return value == null ? null : CanonicalJson.read(value.data());
    }

    private static AuditRow row(AuditLogRecord r) {
        return new AuditRow(r.getSeq(), r.getAt().toInstant(), new AuditActor(r.getActorKind(), r.getActorId(), r.getActorName()),
                r.getIp(), r.getUserAgent(), r.getAction(), r.getTargetKind(), r.getTargetId(), json(r.getBefore()),
                json(r.getAfter()), json(r.getDiff()), r.getPrevHash(), r.getHash());
    }
}
