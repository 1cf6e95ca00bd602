package dev.junction.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminTokensTest {
    private final Clock clock = Clock.systemUTC();
    private final InMemoryAdminTokenStore store = new InMemoryAdminTokenStore();

    private AdminTokens withBootstrap() {
        return new AdminTokens(store, clock, new Ids(clock), "the-bootstrap"::equals);
    }

    @Test
    void the_bootstrap_token_authenticates_as_bootstrap_and_a_named_token_as_its_name() {
        AdminTokens tokens = withBootstrap();
        AdminTokens.Created ci = tokens.create("ci pipeline");

        assertThat(tokens.authenticate("the-bootstrap")).contains(AdminTokens.BOOTSTRAP);
        assertThat(tokens.authenticate(ci.token())).contains("ci pipeline");
        assertThat(tokens.authenticate("jadm_wrong")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
    }

    @Test
    void only_the_hash_of_a_named_token_is_stored() {
        AdminTokens.Created ci = withBootstrap().create("ci");

        AdminTokenRecord stored = store.rows.getFirst();
        assertThat(ci.token()).startsWith("jadm_").startsWith(ci.prefix());
        assertThat(stored.hash()).hasSize(64).isEqualTo(Secrets.sha256(ci.token())).isNotEqualTo(ci.token());
    }

    @Test
    void a_revoked_token_stops_working_at_once() {
        AdminTokens tokens = withBootstrap();
        AdminTokens.Created ci = tokens.create("ci");

        assertThat(tokens.revoke(ci.id())).isInstanceOf(AdminTokens.Revocation.Revoked.class);
        assertThat(tokens.authenticate(ci.token())).isEmpty();
    }

    @Test
    void revoking_an_unknown_id_reports_it_as_not_found() {
        assertThat(withBootstrap().revoke(UUID.randomUUID())).isInstanceOf(AdminTokens.Revocation.NotFound.class);
    }

    @Test
    void without_a_bootstrap_token_the_last_active_named_token_is_not_revoked() {
        AdminTokens tokens = new AdminTokens(store, clock, new Ids(clock), null);
        AdminTokens.Created alice = tokens.create("alice");
        AdminTokens.Created bob = tokens.create("bob");

        assertThat(tokens.revoke(alice.id())).isInstanceOf(AdminTokens.Revocation.Revoked.class);
        assertThat(tokens.revoke(bob.id())).isInstanceOf(AdminTokens.Revocation.LastActive.class);
        assertThat(tokens.authenticate(bob.token())).contains("bob");
    }

    @Test
    void with_a_bootstrap_token_every_named_token_can_be_revoked() {
        AdminTokens tokens = withBootstrap();
        AdminTokens.Created only = tokens.create("only");

        assertThat(tokens.revoke(only.id())).isInstanceOf(AdminTokens.Revocation.Revoked.class);
        assertThat(tokens.authenticate("the-bootstrap")).contains(AdminTokens.BOOTSTRAP);
    }

    @Test
    void reload_picks_up_tokens_made_and_revoked_elsewhere() {
        AdminTokens here = withBootstrap();
        AdminTokens elsewhere = withBootstrap();
        AdminTokens.Created made = elsewhere.create("made elsewhere");
        assertThat(here.authenticate(made.token())).isEmpty();

        here.reload();
        assertThat(here.authenticate(made.token())).contains("made elsewhere");

        elsewhere.revoke(made.id());
        here.reload();
        assertThat(here.authenticate(made.token())).isEmpty();
    }
}
