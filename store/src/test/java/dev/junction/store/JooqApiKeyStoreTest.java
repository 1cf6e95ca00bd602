package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JooqApiKeyStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqApiKeyStore store = new JooqApiKeyStore(db.dsl());
    private final Ids ids = new Ids(Clock.systemUTC());
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    private ApiKeyRecord key(String name, String hash, Instant created) {
        return new ApiKeyRecord(ids.next(), name, "jk_" + name, hash, created, null);
    }

    @Test
    void a_revoked_key_leaves_the_active_list_but_stays_in_the_full_list_with_its_revocation_time() {
        ApiKeyRecord web = key("web", "a".repeat(64), t0);
        ApiKeyRecord mobile = key("mobile", "b".repeat(64), t0.plus(1, ChronoUnit.HOURS));
        store.insert(mobile);
        store.insert(web);

        Instant revokedAt = t0.plus(2, ChronoUnit.HOURS);
        ApiKeyRecord revoked = store.revoke(web.id(), revokedAt).orElseThrow();

        assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
        assertThat(store.active()).extracting(ApiKeyRecord::name).containsExactly("mobile");
        assertThat(store.all()).extracting(ApiKeyRecord::name).containsExactly("web", "mobile");
        assertThat(store.all().getFirst().revokedAt()).isEqualTo(revokedAt);
    }

    @Test
    void revoking_twice_keeps_the_first_revocation_time_and_an_unknown_key_finds_nothing() {
        ApiKeyRecord web = key("web", "a".repeat(64), t0);
        store.insert(web);
        Instant first = t0.plus(1, ChronoUnit.DAYS);
        store.revoke(web.id(), first);

        assertThat(store.revoke(web.id(), first.plus(1, ChronoUnit.DAYS))).get()
                .extracting(ApiKeyRecord::revokedAt).isEqualTo(first);
        assertThat(store.revoke(UUID.randomUUID(), first)).isEmpty();
    }
}
