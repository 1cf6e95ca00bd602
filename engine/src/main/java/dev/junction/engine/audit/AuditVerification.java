package dev.junction.engine.audit;

import java.util.List;

/**
 * What a walk of the chain found.
 *
 * @param checked     rows read and checked (up to and including the first broken one)
 * @param firstBroken the first row where the chain breaks, or null when it holds
 * @param head        the last row read ({@code seq:hash}, to keep as the next checkpoint), or null for an empty trail
 */
public record AuditVerification(boolean ok, long checked, Broken firstBroken, Checkpoint head) {
    /** Where and why the chain breaks. */
    public record Broken(long seq, String reason) {}

    /**
     * A head seen earlier ({@code seq:hash}): the row {@code seq} must still be there with that hash. Without one, a
     * verifier cannot tell the newest rows were removed (the rest of the chain still holds); with one, it can, and a
     * chain recomputed by someone who rewrote history no longer matches it.
     */
    public record Checkpoint(long seq, String hash) {
        public Checkpoint {
            if (seq < 1) throw new IllegalArgumentException("a checkpoint's seq is 1 or more");
            if (hash == null || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a checkpoint's hash is 64 lower-case hex digits");
            }
        }

        /** {@code 1234:9f86d0...} */
        public static Checkpoint parse(String text) {
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon < 1) throw new IllegalArgumentException("a checkpoint is seq:hash, e.g. 1234:9f86d081...");
            long seq;
            try {
                seq = Long.parseLong(text.substring(0, colon).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a checkpoint is seq:hash; '" + text.substring(0, colon) + "' is not a seq");
            }
            return new Checkpoint(seq, text.substring(colon + 1).strip().toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return seq + ":" + hash;
        }
    }

    /** Walks pages of rows in seq order from seq 1; {@code checkpoint} may be null. */
    public static AuditVerification walk(AuditStore store, int pageSize, Checkpoint checkpoint) {
        long expected = 1;
        String prev = AuditChain.GENESIS;
        long checked = 0;
        AuditRow last = null;
        while (true) {
            List<AuditRow> page = store.page(expected - 1, pageSize);
            if (page.isEmpty()) break;
            for (AuditRow row : page) {
                checked++;
                Broken broken = check(row, expected, prev, checkpoint);
                if (broken != null) return new AuditVerification(false, checked, broken, head(last));
                last = row;
                prev = row.hash();
                expected = row.seq() + 1;
            }
        }
        if (checkpoint != null && (last == null || last.seq() < checkpoint.seq())) {
            return new AuditVerification(false, checked, new Broken(checkpoint.seq(), "the checkpoint's row is gone: the chain ends at seq "
                    + (last == null ? 0 : last.seq()) + ", so its newest rows were removed"), head(last));
        }
        return new AuditVerification(true, checked, null, head(last));
    }

    private static Broken check(AuditRow row, long expected, String prev, Checkpoint checkpoint) {
        if (row.seq() != expected) {
            String missing = row.seq() - 1 == expected ? "seq " + expected : "seqs " + expected + " to " + (row.seq() - 1);
            return new Broken(row.seq(), missing + " missing: rows were removed");
        }
        if (!prev.equals(row.prevHash())) {
            return new Broken(row.seq(), expected == 1 ? "prev_hash is not the genesis hash: the start of the chain was changed"
                    : "prev_hash does not match the hash of seq " + (expected - 1) + ": a row before it was replaced or rewritten");
        }
        if (!AuditChain.hash(row).equals(row.hash())) {
            return new Broken(row.seq(), "hash mismatch: the row was edited after it was written");
        }
        if (checkpoint != null && row.seq() == checkpoint.seq() && !checkpoint.hash().equals(row.hash())) {
            return new Broken(row.seq(), "the row's hash differs from the checkpoint: the chain was rewritten up to here");
        }
        return null;
    }

    private static Checkpoint head(AuditRow last) {
        return last == null ? null : new Checkpoint(last.seq(), last.hash());
    }
}
