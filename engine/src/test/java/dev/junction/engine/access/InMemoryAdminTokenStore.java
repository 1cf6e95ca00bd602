package dev.junction.engine.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A fake store for the engine's unit tests (the real one is tested against PostgreSQL in the store module). */
final class InMemoryAdminTokenStore implements AdminTokenStore {
    final List<AdminTokenRecord> rows = new ArrayList<>();

    @Override
    public synchronized void insert(AdminTokenRecord token) {
        rows.add(token);
    }

    @Override
    public synchronized List<AdminTokenRecord> all() {
        return List.copyOf(rows);
    }

    @Override
    public synchronized Optional<AdminTokenRecord> find(UUID id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public synchronized Optional<AdminTokenRecord> revoke(UUID id, Instant at) {
        for (int i = 0; i < rows.size(); i++) {
            AdminTokenRecord r = rows.get(i);
            if (r.id().equals(id)) {
                AdminTokenRecord revoked = r.active()
                        ? new AdminTokenRecord(r.id(), r.name(), r.prefix(), r.hash(), r.createdAt(), at) : r;
                rows.set(i, revoked);
                return Optional.of(revoked);
            }
        }
        return Optional.empty();
    }
}
