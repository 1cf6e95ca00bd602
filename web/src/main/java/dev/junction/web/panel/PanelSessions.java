package dev.junction.web.panel;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Browser sessions of the panel: signing in with an admin token makes a random session id (kept in the
 * {@value #COOKIE} cookie) and a CSRF token (sent back by the panel's scripts as {@value #CSRF_HEADER} on every
 * state-changing request). Sessions live in this instance's memory: with several instances behind a load
 * balancer, use sticky sessions (or sign in again on the other instance).
 *
 * <p>Every lookup checks the admin token the session was opened with again, so revoking that token (here or,
 * through LISTEN/NOTIFY, on another instance) ends its sessions at once. The token is held in memory only.
 */
public final class PanelSessions {
    public static final String COOKIE = "junction_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration IDLE = Duration.ofHours(12);
    static final Duration ABSOLUTE = Duration.ofDays(7);

    private final Function<String, Optional<String>> adminTokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    /** A signed-in session, as the panel sees it: the admin token's name and the CSRF token. */
    public record Session(String id, String name, String csrfToken, Instant expiresAt) {}

    private record Entry(String id, String token, String csrfToken, Instant created, Instant lastSeen) {}

    /** @param adminTokens the name of an admin token, when it is valid (bootstrap or active named token) */
    public PanelSessions(Function<String, Optional<String>> adminTokens, Clock clock) {
        this.adminTokens = adminTokens;
        this.clock = clock;
    }

    /** Opens a session for a valid admin token. */
    public Optional<Session> login(String token) {
        if (token == null || token.isBlank()) return Optional.empty();
        Optional<String> name = adminTokens.apply(token.trim());
        if (name.isEmpty()) return Optional.empty();
        purgeExpired();
        Instant now = clock.instant();
        Entry entry = new Entry(randomId(), token.trim(), randomId(), now, now);
        sessions.put(entry.id(), entry);
        return Optional.of(view(entry, name.get()));
    }

    /** The live session of this id: not expired, and its admin token still valid (else it is ended). */
    public Optional<Session> find(String id) {
        if (id == null) return Optional.empty();
        Entry entry = sessions.get(id);
        if (entry == null) return Optional.empty();
        Instant now = clock.instant();
        if (expired(entry, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Optional<String> name = adminTokens.apply(entry.token());
        if (name.isEmpty()) {
            sessions.remove(id);
            return Optional.empty();
        }
        Entry touched = new Entry(entry.id(), entry.token(), entry.csrfToken(), entry.created(), now);
        sessions.replace(id, entry, touched);
        return Optional.of(view(touched, name.get()));
    }

    /** Whether a presented CSRF token is this session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String presented) {
        return presented != null && MessageDigest.isEqual(
                session.csrfToken().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    public void logout(String id) {
        if (id != null) sessions.remove(id);
    }

    int size() {
        return sessions.size();
    }

    private Session view(Entry entry, String name) {
        Instant byIdle = entry.lastSeen().plus(IDLE);
        Instant byAge = entry.created().plus(ABSOLUTE);
        return new Session(entry.id(), name, entry.csrfToken(), byIdle.isBefore(byAge) ? byIdle : byAge);
    }

    private static boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.lastSeen().plus(IDLE)) || !now.isBefore(entry.created().plus(ABSOLUTE));
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> expired(e, now));
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
