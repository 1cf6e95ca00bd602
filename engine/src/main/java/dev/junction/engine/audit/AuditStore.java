package dev.junction.engine.audit;

import java.util.List;
import java.util.function.Consumer;

/** Where the audit trail is kept (store: JooqAuditStore). */
public interface AuditStore {
    /**
     * Appends one entry at the end of the chain: under a lock that every appender on the same database takes, reads
     * the last row, and inserts seq + 1 with {@code prev_hash} = the last row's hash and the hash {@link AuditChain#hash}
     * computes, in one transaction.
     *
     * @param event the entry, already redacted, its diff computed and {@code at} set ({@link Audit#record})
     */
    AuditRow append(AuditEvent event, com.fasterxml.jackson.databind.JsonNode diff);

    /** One page of matching entries, newest first. */
    List<AuditRow> find(AuditQuery query);

    /**
     * Every matching entry, oldest first, read in pages of a bounded size (memory stays bounded however long the
     * trail is); {@code query.limit()} is the page size, {@code beforeSeq} is ignored.
     */
    void export(AuditQuery query, Consumer<AuditRow> each);

    /** Up to {@code limit} entries with a seq above {@code afterSeq}, oldest first (the verifier's pages). */
    List<AuditRow> page(long afterSeq, int limit);
}
