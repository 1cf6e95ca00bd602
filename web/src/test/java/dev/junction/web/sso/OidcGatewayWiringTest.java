package dev.junction.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.store.TestDatabase;
import dev.junction.web.Gateway;
import dev.junction.web.Main;
import dev.junction.web.Settings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

    @Test
    void an_existing_account_is_linked_by_email_only_when_the_provider_vouches_for_the_address() throws Exception {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        OidcSettings oidc = OidcSettings.fromEnv(Map.of("JUNCTION_OIDC_ISSUER", provider.issuerUrl("issuer").toString(),
                "JUNCTION_OIDC_CLIENT_ID", "junction-panel", "JUNCTION_OIDC_CLIENT_SECRET", "secret",
                "JUNCTION_PUBLIC_URL", OidcGateway.PUBLIC_URL, "JUNCTION_OIDC_ROLE_MAP", "admins=admin"), "127.0.0.1", 0).orElseThrow();
        String admin = "admin-token-of-the-wiring-test";
        try (Gateway gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, TestDatabase.fresh().jdbcUrl(),
                admin, null, null), Clock.systemUTC(), Optional.of(oidc))) {
            String base = "http://127.0.0.1:" + gateway.port();
            HttpClient http = HttpClient.newHttpClient();
            // bob has a password account, an analyst on support
            HttpResponse<String> invited = call(http, "POST", base + "/api/users", admin,
                    "{\"email\":\"bob@example.com\",\"grants\":[{\"role\":\"analyst\",\"scope\":\"support\"}]}");
            assertThat(invited.statusCode()).as(invited.body()).isEqualTo(201);
            com.fasterxml.jackson.databind.JsonNode person = new com.fasterxml.jackson.databind.ObjectMapper().readTree(invited.body());
            String bob = person.at("/user/id").asText();
            String token = person.at("/link/token").asText();
            String password = "bob's long passphrase";
            assertThat(call(http, "POST", base + "/auth/link", null,
                    "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}").statusCode()).isEqualTo(200);
            String login = "{\"email\":\"bob@example.com\",\"password\":\"" + password + "\"}";
            assertThat(call(http, "POST", base + "/panel/login", null, login).statusCode()).isEqualTo(200);

            // an identity with bob's address but no email_verified claim (an attacker's account at a provider that
            // lets anyone type any address): not linked, and not let in as bob
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("issuer", "sub-mallory", "JWT", null,
                    Map.of("email", "bob@example.com", "groups", java.util.List.of("admins")), 3600));
            HttpResponse<String> refused = signIn(new OidcBrowser(), base);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("does not say that address is verified");
            assertThat(call(http, "GET", base + "/api/users/" + bob, admin, null).body()).contains("\"sso\":false");

            // the provider vouches for the address: linked, bob keeps his grants, and his password is gone (the
            // provider alone decides from now on), so no reset link either
            provider.enqueueCallback(new DefaultOAuth2TokenCallback("issuer", "sub-bob", "JWT", null,
                    Map.of("email", "bob@example.com", "email_verified", true, "groups", java.util.List.of("guests")), 3600));
            OidcBrowser browser = new OidcBrowser();
            HttpResponse<String> linked = signIn(browser, base);
            assertThat(linked.statusCode()).as(linked.body()).isEqualTo(302);
            HttpResponse<String> me = browser.get(base + "/api/me", true);
            assertThat(me.body()).contains("\"id\":\"" + bob + "\"").contains("\"role\":\"analyst\"").doesNotContain("\"role\":\"admin\"");
            assertThat(call(http, "GET", base + "/api/users/" + bob, admin, null).body()).contains("\"sso\":true");
            assertThat(call(http, "POST", base + "/panel/login", null, login).statusCode()).isEqualTo(401);
            HttpResponse<String> reset = call(http, "POST", base + "/api/users/" + bob + "/reset-link", admin, "{}");
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(409);
            assertThat(reset.body()).contains("single sign-on");
            // the old invitation link is spent as well
            assertThat(call(http, "POST", base + "/auth/link", null,
                    "{\"token\":\"" + token + "\",\"password\":\"another long passphrase\"}").statusCode()).isEqualTo(404);

            // the trail shows what the sign-in changed: the person before and after, their SSO grants included
            HttpResponse<String> audit = call(http, "GET", base + "/api/audit?action=session.sign_in", admin, null);
            assertThat(audit.body()).contains("\"ssoGrants\"").contains("\"sso\":false").contains("\"sso\":true");
        } finally {
            provider.shutdown();
        }
    }

    private static HttpResponse<String> call(HttpClient http, String method, String url, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) request.header("Authorization", "Bearer " + bearer);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
