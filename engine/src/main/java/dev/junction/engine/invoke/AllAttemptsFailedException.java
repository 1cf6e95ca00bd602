package dev.junction.engine.invoke;

import java.util.List;
import java.util.UUID;

/**
 * Every option of the variant failed. Carries every attempt, not only the last, and decides the one HTTP
 * status the client gets: 504 when the request's deadline passed or every attempt timed out, 429 when every
 * attempt was rate limited, 502 otherwise. An attempt skipped by an open circuit says nothing of its own (the
 * circuit may have opened on rate limits), so it does not count when some other attempt reached a provider.
 */
public final class AllAttemptsFailedException extends RuntimeException {
    private final UUID requestId;
    private final List<Attempt> attempts;

    private final boolean deadlinePassed;

    public AllAttemptsFailedException(UUID requestId, List<Attempt> attempts) {
        this(requestId, attempts, false);
    }

    public AllAttemptsFailedException(UUID requestId, List<Attempt> attempts, boolean deadlinePassed) {
        super((deadlinePassed ? "the request's deadline passed; " : "") + summary(attempts), null, false, false);
        this.requestId = requestId;
        this.attempts = List.copyOf(attempts);
        this.deadlinePassed = deadlinePassed;
    }

    public UUID requestId() {
        return requestId;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public int httpStatus() {
        if (deadlinePassed) return 504;
        List<Attempt> telling = attempts.stream().filter(a -> !"circuit_open".equals(a.reason())).toList();
        if (telling.isEmpty()) return 502;
        if (telling.stream().allMatch(a -> "rate_limited".equals(a.reason()))) return 429;
        if (telling.stream().allMatch(a -> "timeout".equals(a.reason()))) return 504;
        return 502;
    }

    private static String summary(List<Attempt> attempts) {
        StringBuilder sb = new StringBuilder("all ").append(attempts.size()).append(" attempt(s) failed:");
        for (Attempt a : attempts) {
            sb.append(' ').append(a.provider()).append('/').append(a.model())
              .append(" (").append(a.reason()).append(a.upstreamStatus() == null ? "" : " " + a.upstreamStatus()).append(");");
        }
        return sb.toString();
    }
}
