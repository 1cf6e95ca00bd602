package dev.junction.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    /** A fake store (the real one is tested against PostgreSQL in the store module). */
    static final class InMemoryApiKeyStore implements ApiKeyStore {
        final List<ApiKeyRecord> rows = new ArrayList<>();

        @Override public synchronized void insert(ApiKeyRecord key) { rows.add(key); }

        @Override public synchronized List<ApiKeyRecord> active() {
            return rows.stream().filter(r -> r.revokedAt() == null).toList();
        }

        @Override public synchronized List<ApiKeyRecord> all() { return List.copyOf(rows); }

        @Override public synchronized Optional<ApiKeyRecord> revoke(UUID id, Instant at) {
            for (int i = 0; i < rows.size(); i++) {
                ApiKeyRecord r = rows.get(i);
                if (r.id().equals(id)) {
                    if (r.revokedAt() == null) rows.set(i, new ApiKeyRecord(r.id(), r.name(), r.prefix(), r.hash(), r.createdAt(), at));
                    return Optional.of(rows.get(i));
                }
            }
            return Optional.empty();
        }
    }

    private final Clock clock = Clock.systemUTC();
    private final InMemoryApiKeyStore store = new InMemoryApiKeyStore();

    @Test
    void a_revoked_key_stops_verifying_at_once() {
        ApiKeys keys = new ApiKeys(store, clock, new Ids(clock));
        ApiKeys.Created web = keys.create("web");
        assertThat(keys.verify(web.key())).isTrue();

        assertThat(keys.revoke(web.id())).get().extracting(ApiKeyRecord::revokedAt).isNotNull();
        assertThat(keys.verify(web.key())).isFalse();
        assertThat(keys.revoke(UUID.randomUUID())).isEmpty();
    }

    @Test
    void reload_picks_up_keys_made_and_revoked_by_another_instance() {
        ApiKeys here = new ApiKeys(store, clock, new Ids(clock));
        here.reload();
        ApiKeys elsewhere = new ApiKeys(store, clock, new Ids(clock));
        ApiKeys.Created made = elsewhere.create("made elsewhere");
        assertThat(here.verify(made.key())).isFalse();

        here.reload();
        assertThat(here.verify(made.key())).isTrue();

        elsewhere.revoke(made.id());
        here.reload();
        assertThat(here.verify(made.key())).isFalse();
    }
}
