package dev.junction.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.access.Grant;
import dev.junction.engine.access.Role;
import dev.junction.store.TestDatabase;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

/**
 * The authorization code flow with PKCE against a real OIDC provider (NAV's mock-oauth2-server, in-process over
 * loopback) and the gateway's routes on a real Javalin over a real PostgreSQL, each redirect followed by hand.
 */
class OidcFlowTest {
    private static final String ISSUER_ID = "issuer";
    private final MockOAuth2Server provider = started();
    private final TestDatabase db = TestDatabase.fresh();
    private final OidcTestClock clock = new OidcTestClock();
    private final RecordingSignIn signIn = new RecordingSignIn(Set.of("known-user"));
    private final OidcGateway gateway = new OidcGateway(provider.issuerUrl(ISSUER_ID).toString(), db, signIn, clock);
    private final OidcBrowser browser = new OidcBrowser();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(OidcRoutes.class)).addAppender(log);
    }

    private static MockOAuth2Server started() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(OidcRoutes.class)).detachAppender(log);
        gateway.close();
        provider.shutdown();
    }

    /** The provider signs in this person next: these claims in the ID token, valid for {@code expirySeconds}. */
    private void nextPerson(String subject, Map<String, Object> claims, long expirySeconds) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, "JWT", null, claims, expirySeconds));
    }

    private void nextPerson(String subject, Map<String, Object> claims) {
        nextPerson(subject, claims, 3600);
    }

    /** Login at the gateway, then the provider's authorization endpoint: the callback URL the provider redirects to. */
    private String throughProvider(OidcGateway at, String next) {
        HttpResponse<String> login = browser.get(at.url("/auth/oidc/login" + (next == null ? "" : "?next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8))), true);
        assertThat(login.statusCode()).isEqualTo(302);
        String authorize = OidcBrowser.location(login);
        assertThat(authorize).startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString());
        HttpResponse<String> atProvider = browser.get(authorize, false);
        assertThat(atProvider.statusCode()).isEqualTo(302);
        String callback = OidcBrowser.location(atProvider);
        assertThat(callback).startsWith(OidcGateway.PUBLIC_URL + OidcSettings.CALLBACK_PATH + "?");
        return callback;
    }

    /** The browser arrives at the callback (through the load balancer: on instance {@code at}). */
    private HttpResponse<String> arrive(OidcGateway at, String callbackUrl) {
        return browser.get(at.url(callbackUrl.substring(OidcGateway.PUBLIC_URL.length())), true);
    }

    private static Map<String, Object> claims(Object groups) {
        return Map.of("email", "alice@example.com", "email_verified", true, "name", "Alice Example", "groups", groups);
    }

    @Test
    void the_code_flow_with_pkce_signs_in_and_maps_the_groups_to_grants() throws Exception {
        nextPerson("alice-sub", claims(List.of("support-analysts", "emea-deployers", "auditors", "cooks")));
        HttpResponse<String> login = browser.get(gateway.url("/auth/oidc/login?next=%2Fpanel%2F%23%2Flogs"), true);
        Map<String, String> auth = OidcBrowser.query(OidcBrowser.location(login));
        assertThat(auth).containsEntry("response_type", "code").containsEntry("client_id", OidcGateway.CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", OidcGateway.PUBLIC_URL + "/auth/oidc/callback")
                .containsKeys("state", "nonce", "code_challenge");
        assertThat(auth.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "email", "profile");
        assertThat(auth.get("state")).hasSize(43); // 32 random bytes, base64url
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("junction_oidc=").contains("HttpOnly", "SameSite=Lax", "Path=/auth/oidc", "Max-Age=600"));
        // the state is stored hashed, never as it is
        assertThat(db.dsl().fetchValue("SELECT count(*) FROM oidc_pending WHERE state_hash = ?", OidcLogin.sha256(auth.get("state"))))
                .isEqualTo(1L);
        assertThat(db.dsl().fetchValue("SELECT count(*) FROM oidc_pending WHERE state_hash = ?", auth.get("state"))).isEqualTo(0L);

        HttpResponse<String> atProvider = browser.get(OidcBrowser.location(login), false);
        HttpResponse<String> done = arrive(gateway, OidcBrowser.location(atProvider));

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(OidcBrowser.location(done)).isEqualTo("/panel/#/logs");
        assertThat(done.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("junction_session=session-1").contains("HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"));
        assertThat(done.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        RecordingSignIn.Call call = signIn.calls.getFirst();
        assertThat(call.identity()).isEqualTo(new OidcIdentity(provider.issuerUrl(ISSUER_ID).toString(), "alice-sub",
                "alice@example.com", true, "Alice Example", List.of("support-analysts", "emea-deployers", "auditors", "cooks")));
        assertThat(call.grants()).containsExactly(new Grant(Role.ANALYST, "support", false),
                new Grant(Role.DEPLOYER, "support/emea", false), new Grant(Role.VIEWER, "*", true));
        assertThat(call.ip()).isEqualTo("127.0.0.1");
        assertThat(call.userAgent()).isEqualTo("oidc-test-browser");
        // the token request carried the PKCE verifier, authenticated with client_secret_basic
        RecordedRequest tokenRequest = tokenRequest();
        assertThat(tokenRequest.getBody().readUtf8()).contains("code_verifier=", "grant_type=authorization_code");
        assertThat(tokenRequest.getHeader("Authorization")).startsWith("Basic ");
        assertThat(db.dsl().fetchValue("SELECT count(*) FROM oidc_pending")).isEqualTo(0L);
    }

    private RecordedRequest tokenRequest() throws InterruptedException {
        for (RecordedRequest r; (r = provider.takeRequest(2, TimeUnit.SECONDS)) != null; ) {
            if (r.getPath() != null && r.getPath().startsWith("/" + ISSUER_ID + "/token")) return r;
        }
        throw new AssertionError("no token request reached the provider");
    }

    @Test
    void a_group_claim_given_as_one_string_maps_too() {
        nextPerson("root-sub", claims("junction-admins"));
        assertThat(arrive(gateway, throughProvider(gateway, "/panel/")).statusCode()).isEqualTo(302);
        assertThat(signIn.calls.getFirst().grants()).containsExactly(Grant.everywhere(Role.ADMIN));
    }

    @Test
    void a_replayed_callback_is_refused() {
        nextPerson("alice-sub", claims(List.of("auditors")));
        String callback = throughProvider(gateway, "/panel/");
        assertThat(arrive(gateway, callback).statusCode()).isEqualTo(302);

        HttpResponse<String> replay = arrive(gateway, callback);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(replay.body()).contains(OidcFailure.UNKNOWN_STATE.message());
        assertThat(signIn.calls).hasSize(1);
    }

    @Test
    void a_forged_state_is_refused() {
        nextPerson("alice-sub", claims(List.of("auditors")));
        String callback = throughProvider(gateway, "/panel/");
        String state = OidcBrowser.query(callback).get("state");

        HttpResponse<String> forged = arrive(gateway, callback.replace("state=" + state, "state=forged" + state.substring(6)));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains(OidcFailure.UNKNOWN_STATE.message());
        assertThat(signIn.calls).isEmpty();
    }

    @Test
    void a_sign_in_started_more_than_ten_minutes_ago_is_refused() {
        nextPerson("alice-sub", claims(List.of("auditors")));
        String callback = throughProvider(gateway, "/panel/");
        clock.advance(Duration.ofMinutes(10));

        HttpResponse<String> late = arrive(gateway, callback);
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains(OidcFailure.UNKNOWN_STATE.message());
        assertThat(signIn.calls).isEmpty();
    }

    @Test
    void abandoned_sign_ins_are_purged_when_another_begins() {
        browser.get(gateway.url("/auth/oidc/login"), true);
        clock.advance(Duration.ofMinutes(11));
        browser.get(gateway.url("/auth/oidc/login"), true);
        assertThat(db.dsl().fetchValue("SELECT count(*) FROM oidc_pending")).isEqualTo(1L);
    }

    @Test
    void a_callback_from_another_browser_is_refused() {
        nextPerson("alice-sub", claims(List.of("auditors")));
        String callback = throughProvider(gateway, "/panel/");
        browser.gatewayCookies.put(OidcRoutes.BROWSER_COOKIE, "x".repeat(43)); // the victim's browser, not the one that began

        HttpResponse<String> elsewhere = arrive(gateway, callback);
        assertThat(elsewhere.statusCode()).isEqualTo(400);
        assertThat(elsewhere.body()).contains(OidcFailure.OTHER_BROWSER.message());
        assertThat(signIn.calls).isEmpty();
    }

    @Test
    void an_id_token_for_another_audience_is_refused() {
        nextPerson("alice-sub", Map.of("aud", "some-other-app", "groups", List.of("junction-admins")));
        assertRefusedToken(arrive(gateway, throughProvider(gateway, "/panel/")), "Unexpected JWT audience");
    }

    @Test
    void an_expired_id_token_is_refused() {
        nextPerson("alice-sub", claims(List.of("junction-admins")), -3600);
        assertRefusedToken(arrive(gateway, throughProvider(gateway, "/panel/")), "Expired JWT");
    }

    @Test
    void an_id_token_with_another_nonce_is_refused() {
        nextPerson("alice-sub", Map.of("nonce", "not-the-nonce-we-sent", "groups", List.of("junction-admins")));
        assertRefusedToken(arrive(gateway, throughProvider(gateway, "/panel/")), "Unexpected JWT nonce");
    }

    @Test
    void an_id_token_from_another_issuer_is_refused() {
        nextPerson("alice-sub", Map.of("iss", "https://evil.example/issuer", "groups", List.of("junction-admins")));
        assertRefusedToken(arrive(gateway, throughProvider(gateway, "/panel/")), "Unexpected JWT issuer");
    }

    /** Refused as an invalid token, and for this reason (Nimbus's, in the gateway's log only). */
    private void assertRefusedToken(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("INVALID_TOKEN", reason));
        assertThat(response.body()).doesNotContain(reason);
        assertThat(response.body()).contains(OidcFailure.INVALID_TOKEN.message());
        assertThat(response.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("junction_session"));
        assertThat(signIn.calls).isEmpty();
    }

    @Test
    void a_wrong_pkce_verifier_is_refused_by_the_provider() {
        nextPerson("alice-sub", claims(List.of("junction-admins")));
        String callback = throughProvider(gateway, "/panel/");
        // an attacker holding the code but not the verifier: the provider checks it against the challenge
        db.dsl().execute("UPDATE oidc_pending SET code_verifier = ?", "w".repeat(43));

        HttpResponse<String> refused = arrive(gateway, callback);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains(OidcFailure.CODE_REFUSED.message());
        assertThat(signIn.calls).isEmpty();
    }

    @Test
    void a_next_outside_the_panel_is_ignored() {
        for (String evil : List.of("https://evil.example/", "//evil.example/panel", "/\\evil.example", "/panel\\@evil.example", "/api/keys")) {
            nextPerson("alice-sub", claims(List.of("auditors")));
            HttpResponse<String> done = arrive(gateway, throughProvider(gateway, evil));
            assertThat(done.statusCode()).isEqualTo(302);
            assertThat(OidcBrowser.location(done)).as(evil).isEqualTo("/panel/");
        }
    }

    @Test
    void the_callback_completes_on_another_instance_over_the_same_database() {
        RecordingSignIn otherSignIn = new RecordingSignIn(Set.of());
        try (OidcGateway other = new OidcGateway(provider.issuerUrl(ISSUER_ID).toString(), db, otherSignIn, clock)) {
            nextPerson("alice-sub", claims(List.of("junction-admins")));
            String callback = throughProvider(gateway, "/panel/#/deployments");

            HttpResponse<String> done = arrive(other, callback);
            assertThat(done.statusCode()).isEqualTo(302);
            assertThat(OidcBrowser.location(done)).isEqualTo("/panel/#/deployments");
            assertThat(otherSignIn.calls).singleElement().satisfies(c -> assertThat(c.grants()).containsExactly(Grant.everywhere(Role.ADMIN)));
            // and the first instance cannot take it again
            assertThat(arrive(gateway, callback).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void a_person_with_no_mapped_group_is_refused_unless_the_user_store_knows_them() {
        nextPerson("stranger", claims(List.of("cooks")));
        HttpResponse<String> stranger = arrive(gateway, throughProvider(gateway, "/panel/"));
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains(SignInRefused.NO_ROLE);

        nextPerson("known-user", claims(List.of("cooks")));
        assertThat(arrive(gateway, throughProvider(gateway, "/panel/")).statusCode()).isEqualTo(302);
        assertThat(signIn.calls).hasSize(2);
    }

    @Test
    void an_email_the_provider_did_not_verify_is_refused() {
        nextPerson("alice-sub", Map.of("email", "ceo@example.com", "email_verified", false, "groups", List.of("junction-admins")));
        HttpResponse<String> refused = arrive(gateway, throughProvider(gateway, "/panel/"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains(OidcFailure.UNVERIFIED_EMAIL.message());
        assertThat(signIn.calls).isEmpty();
    }

    @Test
    void an_error_from_the_provider_is_shown_by_its_code_and_consumes_the_sign_in() {
        HttpResponse<String> login = browser.get(gateway.url("/auth/oidc/login"), true);
        String state = OidcBrowser.query(OidcBrowser.location(login)).get("state");

        HttpResponse<String> denied = browser.get(gateway.url("/auth/oidc/callback?error=access_denied&error_description=%3Cscript%3E&state=" + state), true);
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(denied.body()).contains(OidcFailure.PROVIDER_ERROR.message() + " (access_denied)").doesNotContain("<script>");
        assertThat(browser.get(gateway.url("/auth/oidc/callback?code=x&state=" + state), true).statusCode()).isEqualTo(400);
    }

    @Test
    void a_browser_gets_the_failure_as_a_page_and_anything_else_as_json() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var html = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url("/auth/oidc/callback?code=c&state=s")))
                .header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(400);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.body()).contains("Sign-in failed", OidcFailure.UNKNOWN_STATE.message());

        HttpResponse<String> json = browser.get(gateway.url("/auth/oidc/callback?code=c"), true);
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).isEqualTo("{\"code\":\"400\",\"message\":\"" + OidcFailure.MISSING_STATE.message() + "\"}");
    }

    @Test
    void the_status_names_the_button() {
        HttpResponse<String> status = browser.get(gateway.url("/auth/oidc/status"), true);
        assertThat(status.body()).isEqualTo("{\"enabled\":true,\"label\":\"Example SSO\"}");
    }

    @Test
    void a_provider_that_cannot_be_reached_gives_a_clean_error_and_no_pending_sign_in() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (OidcGateway down = new OidcGateway("http://127.0.0.1:" + closed + "/issuer", db, signIn, clock)) {
            HttpResponse<String> login = browser.get(down.url("/auth/oidc/login"), true);
            assertThat(login.statusCode()).isEqualTo(502);
            assertThat(login.body()).contains(OidcFailure.PROVIDER_UNAVAILABLE.message()).doesNotContain(Integer.toString(closed));
            assertThat(db.dsl().fetchValue("SELECT count(*) FROM oidc_pending")).isEqualTo(0L);
        }
    }

    @Test
    void a_provider_that_goes_down_after_the_redirect_gives_a_clean_error() {
        nextPerson("alice-sub", claims(List.of("junction-admins")));
        String callback = throughProvider(gateway, "/panel/");
        provider.shutdown();

        HttpResponse<String> done = arrive(gateway, callback);
        assertThat(done.statusCode()).isEqualTo(502);
        assertThat(done.body()).contains(OidcFailure.PROVIDER_UNAVAILABLE.message());
    }

    @Test
    void without_configuration_the_routes_answer_404_and_the_status_says_disabled() {
        var off = OidcGateway.serve(OidcRoutes.disabled());
        try {
            String base = "http://127.0.0.1:" + off.port();
            assertThat(browser.get(base + "/auth/oidc/status", false).body()).isEqualTo("{\"enabled\":false,\"label\":null}");
            HttpResponse<String> login = browser.get(base + "/auth/oidc/login", false);
            assertThat(login.statusCode()).isEqualTo(404);
            assertThat(login.body()).contains("single sign-on is not configured");
            assertThat(browser.get(base + "/auth/oidc/callback?code=c&state=s", false).statusCode()).isEqualTo(404);
        } finally {
            off.stop();
        }
    }
}
