package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain of the audit trail. A row's hash is the lower-case hex SHA-256 of
 * {@code prev_hash + "\n" + canonical(content)}, where content is the JSON object
 * {@code {seq, at, actorKind, actorId, actorName, ip, userAgent, action, targetKind, targetId, before, after, diff}}
 * written by {@link CanonicalJson} ({@code at} as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ}, UTC, always six fraction
 * digits) and the first row's {@code prev_hash} is {@link #GENESIS}. Every field is hashed, {@code seq} too, so a row
 * cannot be moved or renumbered without its hash changing.
 * <p>
 * {@code at} is cut to microseconds before anything is hashed or stored ({@link #micros}): PostgreSQL keeps
 * microseconds and <em>rounds</em> the nanoseconds a Java clock gives, so a hash over the nanoseconds would not be the
 * hash of what was stored.
 */
public final class AuditChain {
    /** The {@code prev_hash} of seq 1. */
    public static final String GENESIS = "0".repeat(64);
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditChain() {}

    /** The instant as it is stored and hashed: microsecond precision, cut (not rounded). */
    public static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String at(Instant at) {
        return AT.format(micros(at));
    }

    /** The hash of the row {@code seq} holding {@code event} (redacted, its {@code at} set) and {@code diff}. */
    public static String hash(String prevHash, long seq, AuditEvent event, JsonNode diff) {
        return hash(prevHash, content(seq, event.at(), event.actor(), event.ip(), event.userAgent(), event.action(),
                event.targetKind(), event.targetId(), event.before(), event.after(), diff));
    }

    /** The hash a stored row should have (its own {@code hash} is what is compared with it). */
    public static String hash(AuditRow row) {
        return hash(row.prevHash(), content(row.seq(), row.at(), row.actor(), row.ip(), row.userAgent(), row.action(),
                row.targetKind(), row.targetId(), row.before(), row.after(), row.diff()));
    }

    static String hash(String prevHash, ObjectNode content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(CanonicalJson.write(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The object that is hashed, as the README describes it. */
    public static ObjectNode content(long seq, Instant at, AuditActor actor, String ip, String userAgent, String action,
                                     String targetKind, String targetId, JsonNode before, JsonNode after, JsonNode diff) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("seq", seq);
        o.put("at", at(at));
        o.put("actorKind", actor.kind());
        o.put("actorId", actor.id());
        o.put("actorName", actor.name());
        o.put("ip", ip);
        o.put("userAgent", userAgent);
        o.put("action", action);
        o.put("targetKind", targetKind);
        o.put("targetId", targetId);
        o.set("before", before);
        o.set("after", after);
        o.set("diff", diff);
        return o;
    }
}
