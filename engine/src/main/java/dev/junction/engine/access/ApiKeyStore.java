package dev.junction.engine.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where API keys are kept (port). */
public interface ApiKeyStore {
    void insert(ApiKeyRecord key);

    /** Keys that are not revoked. */
    List<ApiKeyRecord> active();

    /** Every key, revoked ones included, oldest first. */
    List<ApiKeyRecord> all();

    /**
     * Marks the key revoked at {@code at} unless it already is (the first revocation time stays).
     *
     * @return the key as it now is, or empty when no key has this id
     */
    Optional<ApiKeyRecord> revoke(UUID id, Instant at);
}
