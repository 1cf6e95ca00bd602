package dev.junction.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.store.TestDatabase;
import dev.junction.web.Gateway;
import dev.junction.web.Main;
import dev.junction.web.Settings;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway ({@link Main#start}) with single sign-on configured: the routes sit beside the others, outside
 * {@code /api}, need no admin token, and the callback signs a person in through the user store: created from the
 * provider's claims, granted by its groups, with a database session the panel API takes, and refused once the
 * provider's groups map to nothing.
 */
class OidcGatewayWiringTest {
    @TempDir
    Path dataDir;

    @Test
    void a_configured_gateway_sends_the_browser_to_the_provider_and_back_to_its_user_store() {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        OidcSettings oidc = OidcSettings.fromEnv(Map.of("JUNCTION_OIDC_ISSUER", provider.issuerUrl("issuer").toString(),
                "JUNCTION_OIDC_CLIENT_ID", "junction-panel", "JUNCTION_OIDC_CLIENT_SECRET", "secret",
                "JUNCTION_PUBLIC_URL", OidcGateway.PUBLIC_URL, "JUNCTION_OIDC_ROLE_MAP", "admins=admin"), "127.0.0.1", 0).orElseThrow();
        try (Gateway gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, TestDatabase.fresh().jdbcUrl(),
                "admin-token-of-the-wiring-test", null, null), Clock.systemUTC(), Optional.of(oidc))) {
            OidcBrowser browser = new OidcBrowser();
            String base = "http://127.0.0.1:" + gateway.port();
            assertThat(browser.get(base + "/auth/oidc/status", true).body()).isEqualTo("{\"enabled\":true,\"label\":\"Single sign-on\"}");

            // a person in the provider's "admins" group: created, made admin by the role map, signed in
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("issuer", "sub-ada", "JWT", null,
                    Map.of("email", "ada@example.com", "name", "Ada", "groups", java.util.List.of("admins")), 3600));
            HttpResponse<String> done = signIn(browser, base);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
            assertThat(OidcBrowser.location(done)).isEqualTo("/panel/");
            assertThat(browser.gatewayCookies).containsKey("junction_session");
            HttpResponse<String> me = browser.get(base + "/api/me", true);
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("\"kind\":\"user\"").contains("ada@example.com").contains("\"role\":\"admin\"");
            HttpResponse<String> audit = browser.get(base + "/api/audit?action=session.sign_in", true);
            assertThat(audit.body()).contains("ada@example.com");

            // the same person later without the group: the provider's grants are replaced, and nothing is left
            OidcBrowser later = new OidcBrowser();
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("issuer", "sub-ada", "JWT", null,
                    Map.of("email", "ada@example.com", "name", "Ada", "groups", java.util.List.of("guests")), 3600));
            HttpResponse<String> refused = signIn(later, base);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("no role in Junction");
        } finally {
            provider.shutdown();
        }
    }

    private static HttpResponse<String> signIn(OidcBrowser browser, String base) {
        HttpResponse<String> login = browser.get(base + "/auth/oidc/login?next=/panel/", true);
        assertThat(login.statusCode()).isEqualTo(302);
        String callback = OidcBrowser.location(browser.get(OidcBrowser.location(login), false));
        return browser.get(base + callback.substring(OidcGateway.PUBLIC_URL.length()), true);
    }

    @Test
    void an_unconfigured_gateway_says_single_sign_on_is_off() {
        try (Gateway gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, TestDatabase.fresh().jdbcUrl(),
                "admin-token-of-the-wiring-test", null, null), Clock.systemUTC())) {
            OidcBrowser browser = new OidcBrowser();
            String base = "http://127.0.0.1:" + gateway.port();
            assertThat(browser.get(base + "/auth/oidc/status", false).body()).isEqualTo("{\"enabled\":false,\"label\":null}");
            assertThat(browser.get(base + "/auth/oidc/login", false).statusCode()).isEqualTo(404);
        }
    }
}
