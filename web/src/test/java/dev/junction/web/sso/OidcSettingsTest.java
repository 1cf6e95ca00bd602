package dev.junction.web.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.access.Grant;
import dev.junction.engine.access.Role;
import dev.junction.web.Settings.InvalidSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OidcSettingsTest {
    private static Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>(Map.of("JUNCTION_OIDC_ISSUER", "https://id.example.com/realms/acme",
                "JUNCTION_OIDC_CLIENT_ID", "junction", "JUNCTION_OIDC_CLIENT_SECRET", "s3cret"));
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) env.remove(kv[i]); else env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    @Test
    void nothing_set_is_no_single_sign_on() {
        assertThat(OidcSettings.fromEnv(Map.of(), "127.0.0.1", 8080)).isEmpty();
    }

    @Test
    void the_defaults_fill_in_scopes_claim_label_and_the_redirect_uri() {
        OidcSettings s = OidcSettings.fromEnv(env(), "0.0.0.0", 8080).orElseThrow();
        assertThat(s.redirectUri()).hasToString("http://localhost:8080/auth/oidc/callback");
        assertThat(s.scopes()).containsExactly("openid", "email", "profile");
        assertThat(s.groupsClaim()).isEqualTo("groups");
        assertThat(s.label()).isEqualTo("Single sign-on");
        assertThat(s.toString()).doesNotContain("s3cret");
        assertThat(OidcSettings.fromEnv(env("JUNCTION_PUBLIC_URL", "https://junction.acme.com/gw/"), "0.0.0.0", 8080)
                .orElseThrow().redirectUri()).hasToString("https://junction.acme.com/gw/auth/oidc/callback");
    }

    @Test
    void the_secret_may_come_from_a_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-file\n");
        assertThat(OidcSettings.fromEnv(env("JUNCTION_OIDC_CLIENT_SECRET", null, "JUNCTION_OIDC_CLIENT_SECRET_FILE", file.toString()),
                "127.0.0.1", 8080).orElseThrow().clientSecret()).isEqualTo("from-file");
    }

    @Test
    void each_mistake_names_its_variable() {
        Map<Map<String, String>, String> cases = Map.of(
                env("JUNCTION_OIDC_CLIENT_ID", null), "JUNCTION_OIDC_CLIENT_ID is required",
                env("JUNCTION_OIDC_CLIENT_SECRET", null), "JUNCTION_OIDC_CLIENT_SECRET (or JUNCTION_OIDC_CLIENT_SECRET_FILE) is required",
                env("JUNCTION_OIDC_CLIENT_SECRET_FILE", "/nonexistent/secret"), "not both",
                env("JUNCTION_OIDC_CLIENT_SECRET", null, "JUNCTION_OIDC_CLIENT_SECRET_FILE", "/nonexistent/secret"), "JUNCTION_OIDC_CLIENT_SECRET_FILE /nonexistent/secret cannot be read",
                env("JUNCTION_OIDC_ISSUER", "http://id.example.com/realms/acme"), "JUNCTION_OIDC_ISSUER must be https",
                env("JUNCTION_OIDC_ISSUER", "id.example.com"), "JUNCTION_OIDC_ISSUER must be an absolute http(s) URL",
                env("JUNCTION_OIDC_SCOPES", "email profile"), "JUNCTION_OIDC_SCOPES must include 'openid'",
                env("JUNCTION_OIDC_ROLE_MAP", "ops=superuser"), "JUNCTION_OIDC_ROLE_MAP: entry 'ops=superuser': unknown role 'superuser'",
                env("JUNCTION_PUBLIC_URL", "https://user:pw@junction.acme.com"), "JUNCTION_PUBLIC_URL must not carry a user or password",
                Map.of("JUNCTION_OIDC_CLIENT_ID", "junction"), "JUNCTION_OIDC_CLIENT_ID is set but JUNCTION_OIDC_ISSUER is not");
        cases.forEach((env, message) -> assertThatThrownBy(() -> OidcSettings.fromEnv(env, "127.0.0.1", 8080))
                .as(message).isInstanceOf(InvalidSettings.class).hasMessageContaining(message));
        assertThatThrownBy(() -> OidcSettings.fromEnv(env(), "127.0.0.1", 0)).hasMessageContaining("JUNCTION_PUBLIC_URL is required");
    }

    @Test
    void the_role_map_gives_roles_on_scopes_with_or_without_bodies() {
        RoleMap map = RoleMap.parse(" junction-admins=admin ; support-analysts=analyst@support;emea-deployers=deployer@/support/emea/;"
                + "auditors=viewer+bodies;/acme/ops=deployer@billing+bodies;auditors=analyst@billing");
        assertThat(map.grantsFor(List.of("auditors", "/acme/ops", "emea-deployers", "JUNCTION-ADMINS"))).containsExactly(
                new Grant(Role.DEPLOYER, "support/emea", false), new Grant(Role.VIEWER, "*", true),
                new Grant(Role.ANALYST, "billing", false), new Grant(Role.DEPLOYER, "billing", true));
        assertThat(map.grantsFor(List.of("junction-admins"))).containsExactly(Grant.everywhere(Role.ADMIN));
        assertThat(map.grantsFor(List.of())).isEmpty();
        for (String bad : List.of("admins", "=admin", "admins=", "x=viewer@", "x=viewer@a b")) {
            assertThatThrownBy(() -> RoleMap.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void next_stays_inside_the_panel() {
        assertThat(NextPath.safe("/panel/#/logs?x=1")).isEqualTo("/panel/#/logs?x=1");
        assertThat(NextPath.safe("/panel")).isEqualTo("/panel");
        for (String evil : List.of("https://evil.example", "//evil.example", "/panelevil", "/\\evil", "/panel/\r\nSet-Cookie:x",
                "/panel/ x", "/api/keys", "")) {
            assertThat(NextPath.safe(evil)).as(evil).isEqualTo(NextPath.DEFAULT);
        }
        assertThat(NextPath.safe(null)).isEqualTo(NextPath.DEFAULT);
    }
}
