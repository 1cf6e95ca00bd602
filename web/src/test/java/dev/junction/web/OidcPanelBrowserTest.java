package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.store.TestDatabase;
import dev.junction.web.sso.OidcSettings;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The panel's sign-in screen in real Chromium with single sign-on configured: the "Sign in with <label>" button takes
 * the browser to the provider and back to the callback (the binding cookie travels with it), which reaches the user
 * store's sign-in; and without single sign-on there is no button.
 */
class OidcPanelBrowserTest {
    @TempDir
    Path dataDir;

    @Test
    void the_sign_in_screen_offers_single_sign_on_and_the_button_goes_through_the_provider() throws Exception {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        int port;
        try (ServerSocket s = new ServerSocket(0)) { // the public URL names the port before the gateway starts
            port = s.getLocalPort();
        }
        OidcSettings oidc = OidcSettings.fromEnv(Map.of("JUNCTION_OIDC_ISSUER", provider.issuerUrl("issuer").toString(),
                "JUNCTION_OIDC_CLIENT_ID", "junction-panel", "JUNCTION_OIDC_CLIENT_SECRET", "secret",
                "JUNCTION_OIDC_LABEL", "Acme ID", "JUNCTION_OIDC_ROLE_MAP", "admins=admin"), "127.0.0.1", port).orElseThrow();
        try (Gateway gateway = Main.start(new Settings(port, "127.0.0.1", dataDir, TestDatabase.fresh().jdbcUrl(),
                "admin-token-of-the-browser-test", null, null), Clock.systemUTC(), Optional.of(oidc));
             PanelDriver panel = PanelDriver.start()) {
            // first someone the provider knows in no group Junction maps: refused, on a page saying why
            panel.driver.get("http://127.0.0.1:" + gateway.port() + "/panel/");
            panel.wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Sign in with Acme ID"))).click();
            panel.wait.until(ExpectedConditions.urlContains("/auth/oidc/callback"));
            panel.wait.until(d -> d.findElement(By.tagName("body")).getText().contains("no role in Junction"));
            assertThat(panel.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign-in failed");

            // then a member of "admins": back in the panel, signed in as themself, with the admin's screens
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("issuer", "sub-ada", "JWT", null,
                    Map.of("email", "ada@example.com", "name", "Ada", "groups", java.util.List.of("admins")), 3600));
            panel.driver.get("http://127.0.0.1:" + gateway.port() + "/panel/");
            panel.wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Sign in with Acme ID"))).click();
            panel.wait.until(d -> d.findElement(By.id("who")).getText().contains("ada@example.com"));
            panel.wait.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("People")));
        } finally {
            provider.shutdown();
        }
    }

    @Test
    void without_single_sign_on_the_screen_has_no_single_sign_on_button() throws Exception {
        try (Gateway gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, TestDatabase.fresh().jdbcUrl(),
                "admin-token-of-the-browser-test", null, null), Clock.systemUTC());
             PanelDriver panel = PanelDriver.start()) {
            panel.driver.get("http://127.0.0.1:" + gateway.port() + "/panel/");
            panel.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[name=email]")));
            panel.driver.executeAsyncScript("fetch('/auth/oidc/status').then(() => arguments[0]())"); // the check has answered
            assertThat(panel.driver.findElements(By.cssSelector("[data-sso]"))).isEmpty();
        }
    }
}
