package dev.junction.engine.review;

/** The caller may not do this to a deploy request (a 403): approve their own, decide without the permission, withdraw another's. */
public final class ReviewRefusedException extends RuntimeException {
    public ReviewRefusedException(String message) {
        super(message, null, false, false);
    }
}
