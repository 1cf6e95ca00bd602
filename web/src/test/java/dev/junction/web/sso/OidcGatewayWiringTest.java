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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway ({@link Main#start}) with single sign-on configured: the routes sit beside the others, outside
 * {@code /api}, need no admin token, and the callback reaches the user store's sign-in (here still the placeholder
 * that lets nobody in).
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
            HttpResponse<String> login = browser.get(base + "/auth/oidc/login?next=/panel/", true);
            assertThat(login.statusCode()).isEqualTo(302);
            String callback = OidcBrowser.location(browser.get(OidcBrowser.location(login), false));

            HttpResponse<String> done = browser.get(base + callback.substring(OidcGateway.PUBLIC_URL.length()), true);
            assertThat(done.statusCode()).isEqualTo(403);
            assertThat(done.body()).contains("no user accounts yet");
        } finally {
            provider.shutdown();
        }
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
