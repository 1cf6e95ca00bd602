package dev.junction.engine.deployment;

/** A draft edit based on a revision that is no longer current: someone else saved first. */
public final class StaleRevisionException extends ConflictException {
    private final int currentRevision;

    public StaleRevisionException(String key, int expected, int current) {
        super("the draft of '" + key + "' is at revision " + current + ", not " + expected
                + ": someone saved it meanwhile; reload it and apply your change again");
        this.currentRevision = current;
    }

    public int currentRevision() {
        return currentRevision;
    }
}
