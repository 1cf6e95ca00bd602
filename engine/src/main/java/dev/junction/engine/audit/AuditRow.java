package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A stored audit entry: its place in the chain ({@code seq}, 1, 2, 3... without gaps), the recorded content, and the
 * chain: {@code hash} = SHA-256 over {@code prevHash} and the canonical form of everything else ({@link AuditChain}).
 *
 * @param diff the list of {@code {path, before, after}} between the two states, secrets redacted
 */
public record AuditRow(long seq, Instant at, AuditActor actor, String ip, String userAgent, String action,
                       String targetKind, String targetId, JsonNode before, JsonNode after, JsonNode diff,
                       String prevHash, String hash) {
}
