package dev.junction.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.spend.MutableClock;
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
                    if (r.revokedAt() == null) rows.set(i, r.revoked(at));
                    return Optional.of(rows.get(i));
                }
            }
            return Optional.empty();
        }

        @Override public synchronized Optional<ApiKeyRecord> limit(UUID id, ApiKeyScope scope, Instant expiresAt) {
            for (int i = 0; i < rows.size(); i++) {
                ApiKeyRecord r = rows.get(i);
                if (r.id().equals(id) && r.revokedAt() == null) {
                    rows.set(i, r.limitedTo(scope, expiresAt));
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

    @Test
    void an_expired_key_is_found_but_no_longer_verifies_and_a_later_expiry_brings_it_back() {
        MutableClock now = MutableClock.at("2026-03-01T10:00:00Z");
        ApiKeys keys = new ApiKeys(store, now, new Ids(now));
        ApiKeys.Created made = keys.create("batch", ApiKeyScope.EVERYTHING, Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(keys.verify(made.key())).isTrue();

        now.set(Instant.parse("2026-03-01T11:00:00Z"));
        assertThat(keys.verify(made.key())).as("the expiry is the first instant it no longer works").isFalse();
        assertThat(keys.idOf(made.key())).isNull();
        assertThat(keys.find(made.key())).satisfies(k -> assertThat(keys.expired(k)).isTrue());

        keys.limit(made.id(), ApiKeyScope.EVERYTHING, Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(keys.verify(made.key())).isTrue();
    }

    @Test
    void an_expiry_must_be_ahead_and_at_most_five_years_ahead() {
        MutableClock now = MutableClock.at("2026-03-01T10:00:00Z");
        ApiKeys keys = new ApiKeys(store, now, new Ids(now));
        assertThat(keys.checkExpiry("expiresAt", null)).isEmpty();
        assertThat(keys.checkExpiry("expiresAt", now.instant().plusSeconds(1))).isEmpty();
        assertThat(keys.checkExpiry("expiresAt", now.instant())).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("must be in the future"));
        assertThat(keys.checkExpiry("expiresAt", now.instant().plus(ApiKeys.MAX_LIFETIME))).isEmpty();
        assertThat(keys.checkExpiry("expiresAt", now.instant().plus(ApiKeys.MAX_LIFETIME).plusSeconds(1))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("five years"));
    }

    @Test
    void a_new_scope_is_live_here_at_once_and_elsewhere_after_reload() {
        ApiKeys here = new ApiKeys(store, clock, new Ids(clock));
        ApiKeys elsewhere = new ApiKeys(store, clock, new Ids(clock));
        ApiKeys.Created made = here.create("app", ApiKeyScope.projects("checkout"), null);
        elsewhere.reload();
        assertThat(elsewhere.find(made.key()).scope().projects()).containsExactly("checkout");

        here.limit(made.id(), ApiKeyScope.deployments("faq"), null);
        assertThat(here.find(made.key()).scope().deployments()).containsExactly("faq");
        assertThat(elsewhere.find(made.key()).scope().projects()).as("until it hears of it").containsExactly("checkout");
        elsewhere.reload();
        assertThat(elsewhere.find(made.key()).scope()).isEqualTo(ApiKeyScope.deployments("faq"));

        here.revoke(made.id());
        assertThat(here.limit(made.id(), ApiKeyScope.EVERYTHING, null)).as("a revoked key stays revoked").isEmpty();
        assertThat(here.find(made.key())).isNull();
    }
}
