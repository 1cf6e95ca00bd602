package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.access.AdminTokenRecord;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class JooqAdminTokenStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqAdminTokenStore store = new JooqAdminTokenStore(db.dsl());
    private final Ids ids = new Ids(Clock.systemUTC());
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    private AdminTokenRecord token(String name, String hash, Instant created) {
        return new AdminTokenRecord(ids.next(), name, "jadm_" + name, hash, created, null);
    }

    @Test
    void stored_tokens_come_back_oldest_first_with_their_names_and_hashes() {
        AdminTokenRecord later = token("ci", "b".repeat(64), t0.plus(1, ChronoUnit.HOURS));
        AdminTokenRecord earlier = token("alice", "a".repeat(64), t0);
        store.insert(later);
        store.insert(earlier);

        assertThat(store.all()).containsExactly(earlier, later);
        assertThat(store.find(earlier.id())).contains(earlier);
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    @Test
    void revoking_marks_the_token_once_and_keeps_the_first_revocation_time() {
        AdminTokenRecord alice = token("alice", "a".repeat(64), t0);
        store.insert(alice);

        Instant first = t0.plus(1, ChronoUnit.DAYS);
        assertThat(store.revoke(alice.id(), first)).get().extracting(AdminTokenRecord::revokedAt).isEqualTo(first);
        assertThat(store.revoke(alice.id(), first.plus(1, ChronoUnit.DAYS)))
                .get().extracting(AdminTokenRecord::revokedAt).isEqualTo(first);
        assertThat(store.find(alice.id()).orElseThrow().active()).isFalse();
    }

    @Test
    void revoking_an_unknown_token_finds_nothing() {
        assertThat(store.revoke(UUID.randomUUID(), t0)).isEmpty();
    }

    @Test
    void two_tokens_cannot_share_a_hash() {
        store.insert(token("alice", "a".repeat(64), t0));
        assertThatThrownBy(() -> store.insert(token("bob", "a".repeat(64), t0))).isInstanceOf(DataAccessException.class);
    }
}
