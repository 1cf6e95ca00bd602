package dev.junction.web;

import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeyScope;
import dev.junction.engine.access.ApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** API keys in memory, for web tests that run the HTTP layer without a database (keys are never revoked here). */
public final class MemoryApiKeyStore implements ApiKeyStore {
    private final List<ApiKeyRecord> keys = new CopyOnWriteArrayList<>();

    @Override
    public void insert(ApiKeyRecord key) {
        keys.add(key);
    }

    @Override
    public List<ApiKeyRecord> active() {
        return keys.stream().filter(k -> k.revokedAt() == null).toList();
    }

    @Override
    public List<ApiKeyRecord> all() {
        return List.copyOf(keys);
    }

    @Override
    public Optional<ApiKeyRecord> revoke(UUID id, Instant at) {
        return Optional.empty();
    }

    @Override
    public synchronized Optional<ApiKeyRecord> limit(UUID id, ApiKeyScope scope, Instant expiresAt) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).id().equals(id)) {
                keys.set(i, keys.get(i).limitedTo(scope, expiresAt));
                return Optional.of(keys.get(i));
            }
        }
        return Optional.empty();
    }
}
