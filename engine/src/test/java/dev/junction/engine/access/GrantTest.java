package dev.junction.engine.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GrantTest {
    @Test
    void a_folder_scope_covers_the_folder_and_below_and_not_a_sibling_with_the_same_prefix() {
        Grant g = new Grant(Role.ANALYST, "/support/emea/", false);
        assertThat(g.scope()).isEqualTo("support/emea");
        assertThat(g.covers("support", "emea")).isTrue();
        assertThat(g.covers("support", "emea/uk")).isTrue();
        assertThat(g.covers("support", "emea-east")).isFalse();
        assertThat(g.covers("support", "")).isFalse();
        assertThat(g.covers("support-archive", "emea")).isFalse();
        assertThat(new Grant(Role.VIEWER, "support", false).covers("support", "anything/below")).isTrue();
        assertThat(new Grant(Role.VIEWER, "*", false).covers(null, null)).isTrue();
    }

    @Test
    void roles_include_the_ones_below_and_bodies_are_a_flag_of_their_own_but_for_admins() {
        Grant analyst = new Grant(Role.ANALYST, "*", false);
        assertThat(analyst.has(Permission.VIEW)).isTrue();
        assertThat(analyst.has(Permission.EDIT)).isTrue();
        assertThat(analyst.has(Permission.DEPLOY)).isFalse();
        assertThat(analyst.has(Permission.READ_BODIES)).isFalse();
        assertThat(new Grant(Role.VIEWER, "*", true).has(Permission.READ_BODIES)).isTrue();
        assertThat(new Grant(Role.ADMIN, "*", false).has(Permission.READ_BODIES)).isTrue();
    }

    @Test
    void what_belongs_to_no_project_needs_a_grant_on_everything() {
        Principal scopedAdmin = new Principal(Principal.Kind.USER, "1", "a@b.c", List.of(new Grant(Role.ADMIN, "support", false)));
        assertThat(scopedAdmin.can(Permission.DEPLOY, "support", "x")).isTrue();
        assertThat(scopedAdmin.canSomewhere(Permission.ADMIN)).isTrue();
        assertThat(scopedAdmin.canEverywhere(Permission.ADMIN)).isFalse();
        assertThat(scopedAdmin.can(Permission.VIEW, "billing", "")).isFalse();
    }

    @Test
    void passwords_are_argon2id_and_checking_an_unknown_person_fails_alike() {
        String hash = Passwords.hash("correct horse battery staple");
        assertThat(hash).startsWith("$argon2id$");
        assertThat(Passwords.matches("correct horse battery staple", hash)).isTrue();
        assertThat(Passwords.matches("correct horse battery stapler", hash)).isFalse();
        assertThat(Passwords.matches("correct horse battery staple", null)).isFalse();
        assertThat(Passwords.matches("anything", "not a phc string")).isFalse();
        assertThat(Passwords.weakness("short", null)).isPresent();
        assertThat(Passwords.weakness("aaaaaaaaaaaaaaaa", null)).isPresent();
        assertThat(Passwords.weakness("ana@example.com", "ANA@example.com")).isPresent();
        assertThat(Passwords.weakness("a long enough passphrase", "ana@example.com")).isEmpty();
    }
}
