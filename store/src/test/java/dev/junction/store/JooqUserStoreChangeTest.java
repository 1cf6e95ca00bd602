package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.access.Grant;
import dev.junction.engine.access.GrantInput;
import dev.junction.engine.access.People;
import dev.junction.engine.access.Role;
import dev.junction.engine.access.User;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two gateways on one database, each with its cache of people: a change made on one is not lost when the other, still
 * holding the person as it was, changes them too (an admin's grant on one instance, a single sign-on on the other).
 */
class JooqUserStoreChangeTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Clock clock = Clock.systemUTC();

    @Test
    void a_sign_on_on_one_instance_keeps_the_grant_an_admin_just_gave_on_another() {
        JooqUserStore store = new JooqUserStore(db.dsl());
        People first = new People(store, clock, new Ids(clock));
        People second = new People(store, clock, new Ids(clock));
        User ana = first.signInExternal("https://id.example", "sub-1", "ana@example.com", true, "Ana",
                List.of(Grant.everywhere(Role.VIEWER)));
        second.reload();
        first.reload(); // both caches hold Ana with no admin-set grant

        second.update(ana.id(), null, List.of(new GrantInput("analyst", "support", false)), null);
        // the first instance has not heard of it yet (no NOTIFY listener here) and signs Ana in again
        first.signInExternal("https://id.example", "sub-1", "ana@example.com", true, "Ana",
                List.of(Grant.everywhere(Role.VIEWER)));

        User stored = store.find(ana.id()).orElseThrow();
        assertThat(stored.grants()).extracting(Grant::role, Grant::scope).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Role.ANALYST, "support"));
        assertThat(stored.ssoGrants()).extracting(Grant::role).containsExactly(Role.VIEWER);
    }

    @Test
    void a_change_to_someone_deleted_meanwhile_answers_that_there_is_nobody() {
        JooqUserStore store = new JooqUserStore(db.dsl());
        assertThat(store.change(UUID.randomUUID(), u -> u)).isEmpty();
    }
}
