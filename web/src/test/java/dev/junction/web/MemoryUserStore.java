package dev.junction.web;

import dev.junction.engine.access.OneTimeLink;
import dev.junction.engine.access.SessionRecord;
import dev.junction.engine.access.User;
import dev.junction.engine.access.UserStore;
import dev.junction.engine.deployment.ConflictException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** People and sessions in memory, for web tests that start routes without a database. */
public final class MemoryUserStore implements UserStore {
    private final Map<UUID, User> users = new ConcurrentHashMap<>();
    private final Map<String, OneTimeLink> links = new ConcurrentHashMap<>();
    private final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();

    @Override public List<User> all() { return new ArrayList<>(users.values()); }
    @Override public Optional<User> find(UUID id) { return Optional.ofNullable(users.get(id)); }

    @Override
    public synchronized void insert(User user) {
        if (users.values().stream().anyMatch(u -> u.email().toLowerCase(Locale.ROOT).equals(user.email().toLowerCase(Locale.ROOT)))) {
            throw new ConflictException("email taken");
        }
        users.put(user.id(), user);
    }

    @Override public void update(User user) { users.put(user.id(), user); }
    @Override public boolean delete(UUID id) { return users.remove(id) != null; }
    @Override public void signedIn(UUID id, Instant at) { }
    @Override public void insertLink(OneTimeLink link) { links.put(link.tokenHash(), link); }

    @Override
    public synchronized Optional<OneTimeLink> consumeLink(String tokenHash, Instant now) {
        OneTimeLink l = links.get(tokenHash);
        if (l == null || l.usedAt() != null || !now.isBefore(l.expiresAt())) return Optional.empty();
        links.put(tokenHash, new OneTimeLink(l.tokenHash(), l.userId(), l.kind(), l.createdBy(), l.createdAt(), l.expiresAt(), now));
        return Optional.of(l);
    }

    @Override public Optional<OneTimeLink> findLink(String tokenHash) { return Optional.ofNullable(links.get(tokenHash)); }

    @Override
    public synchronized void expireLinksOf(UUID userId, Instant now) {
        links.replaceAll((hash, l) -> l.userId().equals(userId) && l.usedAt() == null
                ? new OneTimeLink(l.tokenHash(), l.userId(), l.kind(), l.createdBy(), l.createdAt(), l.expiresAt(), now) : l);
    }
    @Override public void insertSession(SessionRecord s) { sessions.put(s.idHash(), s); }
    @Override public Optional<SessionRecord> findSession(String idHash) { return Optional.ofNullable(sessions.get(idHash)); }

    @Override
    public void touchSession(String idHash, Instant at) {
        sessions.computeIfPresent(idHash, (k, s) -> new SessionRecord(s.idHash(), s.userId(), s.credentialHash(), s.csrfToken(),
                s.createdAt(), at, s.ip(), s.userAgent()));
    }

    @Override public void deleteSession(String idHash) { sessions.remove(idHash); }
    @Override public void deleteSessionsOf(UUID userId) { sessions.values().removeIf(s -> userId.equals(s.userId())); }

    @Override
    public int purgeSessions(Instant before) {
        int n = sessions.size();
        sessions.values().removeIf(s -> s.lastSeenAt().isBefore(before));
        return n - sessions.size();
    }
}
