package dev.junction.engine.access;

import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Admin tokens of the panel API: the bootstrap token (configuration, named {@value #BOOTSTRAP}, never stored and
 * never revoked here) and named tokens made through the API, of which only the SHA-256 is stored. Verification
 * is in memory: a request never reads the database. It answers with the token's name, so changes can say who
 * made them.
 */
public final class AdminTokens {
    public static final String BOOTSTRAP = "bootstrap";
    private static final String PREFIX = "jadm_";

    private final AdminTokenStore store;
    private final Clock clock;
    private final Ids ids;
    private final Predicate<String> bootstrap;
    private volatile Map<String, String> activeNamesByHash = new ConcurrentHashMap<>();

    public record Created(UUID id, String name, String token, String prefix) {}

    /** What a revocation did. */
    public sealed interface Revocation {
        record Revoked(AdminTokenRecord token) implements Revocation {}

        record NotFound(UUID id) implements Revocation {}

        /** Revoking it would leave no active admin token at all. */
        record LastActive(AdminTokenRecord token) implements Revocation {}
    }

    /**
     * @param bootstrap accepts the bootstrap token (in constant time), or null when there is none
     */
    public AdminTokens(AdminTokenStore store, Clock clock, Ids ids, Predicate<String> bootstrap) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.bootstrap = bootstrap;
    }

    /** Re-reads the active tokens from the store and swaps them in at once; call at start and on notice of a change. */
    public synchronized void reload() {
        Map<String, String> fresh = new ConcurrentHashMap<>();
        for (AdminTokenRecord token : store.all()) {
            if (token.active()) fresh.put(token.hash(), token.name());
        }
        activeNamesByHash = fresh;
    }

    /** The name of the token presented, when it is the bootstrap token or an active named token. */
    public Optional<String> authenticate(String presented) {
        if (presented == null) return Optional.empty();
        if (bootstrap != null && bootstrap.test(presented)) return Optional.of(BOOTSTRAP);
        if (!presented.startsWith(PREFIX)) return Optional.empty();
        return Optional.ofNullable(activeNamesByHash.get(Secrets.sha256(presented)));
    }

    /** Makes a named token. The returned plaintext is the only copy: it is not stored. */
    public synchronized Created create(String name) {
        String token = Secrets.generate(PREFIX);
        String prefix = token.substring(0, PREFIX.length() + 6);
        AdminTokenRecord record = new AdminTokenRecord(ids.next(), name, prefix, Secrets.sha256(token), clock.instant(), null);
        store.insert(record);
        activeNamesByHash.put(record.hash(), name);
        return new Created(record.id(), name, token, prefix);
    }

    /** The named tokens, revoked ones included (hashes are in the records: never show them). */
    public List<AdminTokenRecord> list() {
        return store.all();
    }

    public boolean hasBootstrap() {
        return bootstrap != null;
    }

    /**
     * Revokes a named token: it stops working on this instance at once. Revoking one that is already revoked
     * changes nothing. The last active token (the bootstrap token counts) is not revoked.
     */
    public synchronized Revocation revoke(UUID id) {
        Optional<AdminTokenRecord> found = store.find(id);
        if (found.isEmpty()) return new Revocation.NotFound(id);
        AdminTokenRecord token = found.get();
        if (!token.active()) return new Revocation.Revoked(token);
        int othersActive = (bootstrap != null ? 1 : 0) + activeNamesByHash.size() - 1;
        if (othersActive < 1) return new Revocation.LastActive(token);
        AdminTokenRecord revoked = store.revoke(id, clock.instant()).orElseThrow();
        activeNamesByHash.remove(revoked.hash());
        return new Revocation.Revoked(revoked);
    }
}
