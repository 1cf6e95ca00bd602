package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: records changes (redacted, with their diff) and reads and verifies the chain.
 * <p>
 * Recording never fails the caller. The change it describes has already happened when it is recorded, so failing the
 * request would not undo it, only hide that it happened; instead, when the database refuses the append, the entry is
 * logged at ERROR (action and target, never the states) and kept in memory, in order, in a queue of at most
 * {@link #PENDING_MAX} entries, which {@link #retryPending} (every few seconds, and before every new entry) appends
 * once the database answers again. What is lost: the queue on a crash or stop of the process while the database is
 * down, and entries beyond {@link #PENDING_MAX} (each loss logged at ERROR, and counted: {@link #lost}).
 */
public final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
    public static final int PENDING_MAX = 10_000;
    /** A state or diff larger than this (canonical JSON) is kept as its size and SHA-256 only. */
    public static final int MAX_STATE_BYTES = 256 * 1024;
    /** Rows per page when verifying or exporting. */
    public static final int PAGE = 200;

    private final AuditStore store;
    private final Clock clock;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private long lost;

    private record Pending(AuditEvent event, JsonNode diff) {}

    public Audit(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records one change: {@code at} set (cut to microseconds) when null, the diff computed, secrets redacted,
     * states over {@link #MAX_STATE_BYTES} kept as a digest. Never throws for a database failure (see the class).
     *
     * @return the stored row, or null when the entry was queued for a retry
     */
    public AuditRow record(AuditEvent event) {
        Pending p = prepare(event);
        synchronized (this) {
            if (!pending.isEmpty() && !drain()) return enqueue(p);
        }
        try {
            return store.append(p.event(), p.diff());
        } catch (RuntimeException e) {
            LOG.error("AUDIT ENTRY NOT WRITTEN (kept in memory, retried): {} {}/{}: {}", event.action(),
                    event.targetKind(), event.targetId(), e.toString());
            synchronized (this) {
                return enqueue(p);
            }
        }
    }

    /** Appends what failed before, in order; stops at the first failure. Called on a timer. */
    public synchronized void retryPending() {
        drain();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Entries dropped because the retry queue was full, since start. */
    public synchronized long lost() {
        return lost;
    }

    public List<AuditRow> find(AuditQuery query) {
        return store.find(query);
    }

    public void export(AuditQuery query, Consumer<AuditRow> each) {
        store.export(query, each);
    }

    /** Walks the whole chain from seq 1 in pages of {@link #PAGE}; {@code checkpoint} may be null. */
    public AuditVerification verify(AuditVerification.Checkpoint checkpoint) {
        return AuditVerification.walk(store, PAGE, checkpoint);
    }

    private boolean drain() {
        while (!pending.isEmpty()) {
            Pending p = pending.peekFirst();
            try {
                store.append(p.event(), p.diff());
            } catch (RuntimeException e) {
                return false;
            }
            pending.removeFirst();
            if (pending.isEmpty()) LOG.warn("audit entries kept in memory while the database was failing are all written now");
        }
        return true;
    }

    private AuditRow enqueue(Pending p) {
        if (pending.size() >= PENDING_MAX) {
            lost++;
            LOG.error("AUDIT ENTRY LOST (retry queue full, {} entries): {} {}/{}", PENDING_MAX, p.event().action(),
                    p.event().targetKind(), p.event().targetId());
            return null;
        }
        pending.addLast(p);
        return null;
    }

    /** Redacts, diffs, caps and normalizes an event into what is stored and hashed. */
    Pending prepare(AuditEvent event) {
        JsonNode diff = JsonDiff.of(event.before(), event.after());
        AuditEvent e = new AuditEvent(AuditChain.micros(event.at() == null ? clock.instant() : event.at()),
                new AuditActor(Redaction.clean(event.actor().kind()), Redaction.clean(event.actor().id()),
                        Redaction.clean(event.actor().name())),
                Redaction.clean(event.ip()), Redaction.clean(cut(event.userAgent(), 512)), Redaction.clean(event.action()),
                Redaction.clean(event.targetKind()), Redaction.clean(event.targetId()),
                stored(Redaction.redact(event.before())), stored(Redaction.redact(event.after())));
        return new Pending(e, stored(diff));
    }

    /**
     * The value as it comes back from {@code jsonb}: written and read again with exact numbers, and over the size
     * cap replaced by {@code {"omitted": true, "bytes": n, "sha256": ...}}.
     */
    static JsonNode stored(JsonNode node) {
        if (node == null || node.isNull()) return node;
        String canonical = CanonicalJson.write(node);
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STATE_BYTES) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("omitted", true);
            o.put("bytes", bytes.length);
            o.put("sha256", sha256(bytes));
            return o;
        }
        return CanonicalJson.read(canonical);
    }

    static String cut(String s, int max) {
        if (s == null || s.length() <= max) return s;
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
