package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class JooqOidcPendingLoginsTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqOidcPendingLogins store = new JooqOidcPendingLogins(db.dsl());
    private final Instant t0 = Instant.parse("2026-01-01T10:00:00Z");

    private JooqOidcPendingLogins.Pending pending(String state, Instant at) {
        return new JooqOidcPendingLogins.Pending(state.repeat(64), "b".repeat(64), "nonce-" + state, "verifier-" + state,
                "/panel/#/logs", at);
    }

    @Test
    void a_pending_sign_in_is_taken_once_with_everything_it_was_stored_with() {
        JooqOidcPendingLogins.Pending p = pending("a", t0);
        store.insert(p);

        assertThat(store.take(p.stateHash())).contains(p);
        assertThat(store.take(p.stateHash())).isEmpty();
    }

    @Test
    void an_unknown_state_finds_nothing() {
        assertThat(store.take("f".repeat(64))).isEmpty();
    }

    @Test
    void purging_removes_only_the_sign_ins_started_before_the_cutoff() {
        store.insert(pending("a", t0));
        store.insert(pending("c", t0.plusSeconds(600)));

        assertThat(store.purgeStartedBefore(t0.plusSeconds(1))).isEqualTo(1);
        assertThat(store.take("a".repeat(64))).isEmpty();
        assertThat(store.take("c".repeat(64))).isPresent();
    }

    @Test
    void two_sign_ins_cannot_share_a_state() {
        store.insert(pending("a", t0));
        assertThatThrownBy(() -> store.insert(pending("a", t0))).isInstanceOf(DataAccessException.class);
    }
}
