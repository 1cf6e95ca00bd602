package dev.junction.web;

import dev.junction.engine.access.AdminTokenRecord;
import dev.junction.engine.access.AdminTokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Admin tokens in memory, for web tests that start routes without a database. */
public final class MemoryAdminTokens implements AdminTokenStore {
    private final List<AdminTokenRecord> tokens = new CopyOnWriteArrayList<>();

    @Override
    public void insert(AdminTokenRecord token) {
        tokens.add(token);
    }

    @Override
    public List<AdminTokenRecord> all() {
        return List.copyOf(tokens);
    }

    @Override
    public Optional<AdminTokenRecord> find(UUID id) {
        return tokens.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    @Override
    public Optional<AdminTokenRecord> revoke(UUID id, Instant at) {
        return Optional.empty();
    }
}
