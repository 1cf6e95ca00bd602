package dev.junction.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where people, their one-time links and their panel sessions are kept (port). Changes to people are announced to every instance. */
public interface UserStore {
    List<User> all();

    Optional<User> find(UUID id);

    /** @throws dev.junction.engine.deployment.ConflictException when the email (any case) or the OIDC identity is taken */
    void insert(User user);

    /** Saves the user's email, name, password hash, OIDC identity, disabled time and both kinds of grants. */
    void update(User user);

    /**
     * Changes the user as stored now (not as some instance's cache last saw it): reads them, applies {@code change}
     * (which may throw to refuse) and saves the result, as one step; the database's version locks the row meanwhile, so
     * two instances changing one person at once do not lose either change. Empty when there is no such user.
     */
    default Optional<User> change(UUID id, java.util.function.UnaryOperator<User> change) {
        return find(id).map(u -> {
            User changed = change.apply(u);
            if (changed != u) update(changed);
            return changed;
        });
    }

    boolean delete(UUID id);

    void signedIn(UUID id, Instant at);

    void insertLink(OneTimeLink link);

    /** Marks the link used when it is unused and not expired at {@code now}; answers it as it was, else empty. */
    Optional<OneTimeLink> consumeLink(String tokenHash, Instant now);

    Optional<OneTimeLink> findLink(String tokenHash);

    /** Marks every unused link of a person used at {@code now} (a newer link replaces them; a password was set). */
    void expireLinksOf(UUID userId, Instant now);

    void insertSession(SessionRecord session);

    Optional<SessionRecord> findSession(String idHash);

    void touchSession(String idHash, Instant at);

    void deleteSession(String idHash);

    /** Ends every session of a person (disabled, deleted, password changed). */
    void deleteSessionsOf(UUID userId);

    /** Removes sessions not seen since {@code before}; answers how many. */
    int purgeSessions(Instant before);
}
