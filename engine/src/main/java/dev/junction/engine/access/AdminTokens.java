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
    private final String bootstrapHash;
    private volatile Map<String, AdminTokenRecord> activeByHash = new ConcurrentHashMap<>();

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
        this(store, clock, ids, bootstrap, null);
    }

    /**
     * @param bootstrapHash the SHA-256 of the bootstrap token, so that a panel session opened with it is recognised
     *     after a restart (null: such sessions end with the process that opened them... or never open)
     */
    public AdminTokens(AdminTokenStore store, Clock clock, Ids ids, Predicate<String> bootstrap, String bootstrapHash) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.bootstrap = bootstrap;
        this.bootstrapHash = bootstrapHash;
    }

    /** Re-reads the active tokens from the store and swaps them in at once; call at start and on notice of a change. */
    public synchronized void reload() {
        Map<String, AdminTokenRecord> fresh = new ConcurrentHashMap<>();
        for (AdminTokenRecord token : store.all()) {
            if (token.active()) fresh.put(token.hash(), token);
        }
        activeByHash = fresh;
    }

    /** The name of the token presented, when it is the bootstrap token or an active named token. */
    public Optional<String> authenticate(String presented) {
        return principal(presented).map(Principal::name);
    }

    /** Who the token presented is: the bootstrap admin, or the service account of an active named token. */
    public Optional<Principal> principal(String presented) {
        if (presented == null) return Optional.empty();
        if (bootstrap != null && bootstrap.test(presented)) return Optional.of(Principal.bootstrap());
        if (!presented.startsWith(PREFIX)) return Optional.empty();
        return Optional.ofNullable(activeByHash.get(Secrets.sha256(presented))).map(AdminTokenRecord::principal);
    }

    /** Like {@link #principal(String)} from the token's SHA-256 (a panel session keeps only that). */
    public Optional<Principal> principalByHash(String hash) {
        if (hash == null) return Optional.empty();
        if (bootstrapHash != null && java.security.MessageDigest.isEqual(bootstrapHash.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                hash.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return Optional.of(Principal.bootstrap());
        }
        return Optional.ofNullable(activeByHash.get(hash)).map(AdminTokenRecord::principal);
    }

    /** Makes a named token. The returned plaintext is the only copy: it is not stored. */
    public synchronized Created create(String name) {
        return create(name, Grant.everywhere(Role.ADMIN));
    }

    /** Makes a named token (a service account) with a role on a scope. The returned plaintext is the only copy. */
    public synchronized Created create(String name, Grant grant) {
        String token = Secrets.generate(PREFIX);
        String prefix = token.substring(0, PREFIX.length() + 6);
        AdminTokenRecord record = new AdminTokenRecord(ids.next(), name, prefix, Secrets.sha256(token), clock.instant(), null, grant);
        store.insert(record);
        activeByHash.put(record.hash(), record);
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
        long otherAdmins = (bootstrap != null ? 1 : 0) + activeByHash.values().stream()
                .filter(t -> !t.id().equals(id) && t.grant().global() && t.grant().role() == Role.ADMIN).count();
        if (token.grant().global() && token.grant().role() == Role.ADMIN && otherAdmins < 1) return new Revocation.LastActive(token);
        AdminTokenRecord revoked = store.revoke(id, clock.instant()).orElseThrow();
        activeByHash.remove(revoked.hash());
        return new Revocation.Revoked(revoked);
    }
}
