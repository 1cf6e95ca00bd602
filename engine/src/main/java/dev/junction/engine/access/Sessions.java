package dev.junction.engine.access;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Panel sessions, kept in the database (the SHA-256 of the id only) so that they survive a restart and are
 * recognised by every instance without sticky sessions. A session belongs to a person or to an admin token; each
 * lookup resolves its principal again (in memory), so a disabled person or a revoked token is out at once, and a
 * role change applies to the next request. A session ends after 12 hours idle or 7 days in all.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofHours(12);
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    /** Last-seen times are written at most this often per session (a panel page makes several calls). */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final UserStore store;
    private final People people;
    private final AdminTokens tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Instant lastPurge = Instant.MIN;

    /** A live session: who, the CSRF token the page sends back, and when it ends unless used. */
    public record Session(String id, Principal principal, String csrfToken, Instant expiresAt) {}

    public Sessions(UserStore store, People people, AdminTokens tokens, Clock clock) {
        this.store = store;
        this.people = people;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Opens a session for a person. */
    public Session open(User user, String ip, String userAgent) {
        return open(user.id(), null, user.principal(), ip, userAgent);
    }

    /** Opens a session for a valid admin token, or empty. */
    public Optional<Session> openWithToken(String token, String ip, String userAgent) {
        if (token == null || token.isBlank()) return Optional.empty();
        return tokens.principal(token.strip()).map(p -> open(null, Secrets.sha256(token.strip()), p, ip, userAgent));
    }

    private Session open(UUID userId, String credentialHash, Principal principal, String ip, String userAgent) {
        String id = randomId();
        String csrf = randomId();
        Instant now = clock.instant();
        if (lastPurge.isBefore(now.minus(Duration.ofHours(1)))) {
            lastPurge = now;
            purge(); // ended sessions are removed now and then, on a sign-in
        }
        store.insertSession(new SessionRecord(Secrets.sha256(id), userId, credentialHash, csrf, now, now,
                cut(ip, 64), cut(userAgent, 256)));
        return new Session(id, principal, csrf, expiresAt(now, now));
    }

    /** The live session of this cookie value: not expired, and its person or token still valid (else it is ended). */
    public Optional<Session> find(String id) {
        if (id == null || id.isBlank() || id.length() > 128) return Optional.empty();
        String hash = Secrets.sha256(id);
        Optional<SessionRecord> found = store.findSession(hash);
        if (found.isEmpty()) return Optional.empty();
        SessionRecord s = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(s.lastSeenAt().plus(IDLE)) || !now.isBefore(s.createdAt().plus(ABSOLUTE))) {
            store.deleteSession(hash);
            return Optional.empty();
        }
        Optional<Principal> principal = s.userId() != null ? people.principal(s.userId()) : tokens.principalByHash(s.credentialHash());
        if (principal.isEmpty()) {
            store.deleteSession(hash);
            return Optional.empty();
        }
        Instant seen = s.lastSeenAt();
        if (!now.isBefore(seen.plus(TOUCH_EVERY))) {
            store.touchSession(hash, now);
            seen = now;
        }
        return Optional.of(new Session(id, principal.get(), s.csrfToken(), expiresAt(seen, s.createdAt())));
    }

    public void end(String id) {
        if (id != null && !id.isBlank() && id.length() <= 128) store.deleteSession(Secrets.sha256(id));
    }

    /** Removes sessions idle for longer than {@link #IDLE}; run now and then. */
    public int purge() {
        return store.purgeSessions(clock.instant().minus(IDLE));
    }

    /** Whether a presented CSRF token is this session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant expiresAt(Instant lastSeen, Instant created) {
        Instant byIdle = lastSeen.plus(IDLE);
        Instant byAge = created.plus(ABSOLUTE);
        return byIdle.isBefore(byAge) ? byIdle : byAge;
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() <= max ? s : s.substring(0, max);
    }
}
