package dev.junction.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where API keys are kept (port). Every change tells the other instances (they {@link ApiKeys#reload}). */
public interface ApiKeyStore {
    void insert(ApiKeyRecord key);

    /** Keys that are not revoked (expired ones included: an expiry can still be moved). */
    List<ApiKeyRecord> active();

    /** Every key, revoked ones included, oldest first. */
    List<ApiKeyRecord> all();

    /**
     * Marks the key revoked at {@code at} unless it already is (the first revocation time stays).
     *
     * @return the key as it now is, or empty when no key has this id
     */
    Optional<ApiKeyRecord> revoke(UUID id, Instant at);

    /**
     * Replaces the scope and expiry of a key that is not revoked.
     *
     * @return the key as it now is, or empty when no unrevoked key has this id
     */
    Optional<ApiKeyRecord> limit(UUID id, ApiKeyScope scope, Instant expiresAt);
}
