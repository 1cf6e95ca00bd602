package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The panel's sign-in: session cookie, CSRF on state-changing requests, sign-out, revocation; raw HTTP. */
class PanelSessionTest {
    static final String BOOTSTRAP = "panel-session-bootstrap";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(BOOTSTRAP);

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws IOException { return JSON.readTree(body); }
        String header(String name) { return raw.headers().firstValue(name).orElse(null); }
        List<String> headers(String name) { return raw.headers().allValues(name); }
    }

    static Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(live.client().base() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Signs in with JSON; answers {cookie value, csrf token}. */
    static String[] signIn(String token) throws IOException {
        Reply r = send("POST", "/panel/login", "{\"token\":\"" + token + "\"}", "Content-Type", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String cookie = r.header("Set-Cookie");
        String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        return new String[] {value, r.json().get("csrfToken").asText()};
    }

    static String cookie(String[] session) {
        return "junction_session=" + session[0];
    }

    @Test
    void signing_in_with_the_admin_token_sets_an_http_only_same_site_strict_session_cookie() throws IOException {
        Reply r = send("POST", "/panel/login", "{\"token\":\"" + BOOTSTRAP + "\"}", "Content-Type", "application/json");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Set-Cookie")).startsWith("junction_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure");
        assertThat(r.json().get("name").asText()).isEqualTo("bootstrap");
        assertThat(r.json().get("csrfToken").asText()).hasSizeGreaterThan(30);
        assertThat(r.body()).doesNotContain(BOOTSTRAP);
    }

    @Test
    void the_cookie_is_secure_when_the_panel_is_served_over_https_behind_a_proxy() {
        Reply r = send("POST", "/panel/login", "{\"token\":\"" + BOOTSTRAP + "\"}",
                "Content-Type", "application/json", "X-Forwarded-Proto", "https");

        assertThat(r.header("Set-Cookie")).contains("; Secure");
    }

    @Test
    void a_wrong_token_is_refused_with_the_error_on_the_token_field_and_no_cookie() throws IOException {
        Reply r = send("POST", "/panel/login", "{\"token\":\"nope\"}", "Content-Type", "application/json");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("token");
    }

    @Test
    void a_form_sign_in_redirects_to_the_panel_with_the_cookie_and_a_failed_one_back_to_the_sign_in_page() {
        Reply ok = send("POST", "/panel/login", "token=" + BOOTSTRAP, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(ok.status()).isEqualTo(303);
        assertThat(ok.header("Location")).isEqualTo("/panel/");
        assertThat(ok.header("Set-Cookie")).contains("HttpOnly", "SameSite=Strict");

        Reply bad = send("POST", "/panel/login", "token=wrong", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(bad.status()).isEqualTo(303);
        assertThat(bad.header("Location")).contains("#/login");
        assertThat(bad.header("Set-Cookie")).isNull();
    }

    @Test
    void a_sign_in_posted_from_another_site_is_refused() {
        Reply r = send("POST", "/panel/login", "token=" + BOOTSTRAP, "Content-Type", "application/x-www-form-urlencoded",
                "Origin", "https://evil.example");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Set-Cookie")).isNull();
    }

    @Test
    void the_session_cookie_opens_the_panel_api_for_reading_without_a_bearer_token() throws IOException {
        String[] session = signIn(BOOTSTRAP);

        assertThat(send("GET", "/api/deployments", null, "Cookie", cookie(session)).status()).isEqualTo(200);
        Reply me = send("GET", "/panel/session", null, "Cookie", cookie(session));
        assertThat(me.json().get("csrfToken").asText()).isEqualTo(session[1]);
        assertThat(send("GET", "/api/deployments", null, "Cookie", "junction_session=made-up").status()).isEqualTo(401);
        assertThat(send("GET", "/api/deployments", null).status()).isEqualTo(401);
    }

    @Test
    void a_state_changing_request_with_the_cookie_needs_the_sessions_csrf_token() throws IOException {
        String[] session = signIn(BOOTSTRAP);
        String body = "{\"name\":\"from the panel\"}";

        Reply none = send("POST", "/api/keys", body, "Cookie", cookie(session), "Content-Type", "application/json");
        Reply wrong = send("POST", "/api/keys", body, "Cookie", cookie(session), "Content-Type", "application/json",
                "X-CSRF-Token", "guess");
        Reply right = send("POST", "/api/keys", body, "Cookie", cookie(session), "Content-Type", "application/json",
                "X-CSRF-Token", session[1]);

        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("message").asText()).contains("X-CSRF-Token");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(right.status()).as(right.body()).isEqualTo(201);
        String id = right.json().get("id").asText();
        assertThat(send("DELETE", "/api/keys/" + id, null, "Cookie", cookie(session)).status()).isEqualTo(403);
    }

    @Test
    void a_bearer_token_request_needs_no_csrf_token_even_with_a_session_cookie_beside_it() throws IOException {
        String[] session = signIn(BOOTSTRAP);

        Reply r = send("POST", "/api/keys", "{\"name\":\"script\"}", "Authorization", "Bearer " + BOOTSTRAP,
                "Cookie", cookie(session), "Content-Type", "application/json");

        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void signing_out_ends_the_session_and_clears_the_cookie() throws IOException {
        String[] session = signIn(BOOTSTRAP);

        assertThat(send("POST", "/panel/logout", null, "Cookie", cookie(session)).status()).isEqualTo(403);
        Reply out = send("POST", "/panel/logout", null, "Cookie", cookie(session), "X-CSRF-Token", session[1]);

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).contains("junction_session=;", "Max-Age=0");
        assertThat(send("GET", "/api/deployments", null, "Cookie", cookie(session)).status()).isEqualTo(401);
        assertThat(send("GET", "/panel/session", null, "Cookie", cookie(session)).status()).isEqualTo(401);
    }

    @Test
    void revoking_the_admin_token_ends_the_sessions_opened_with_it() throws IOException {
        JsonNode created = live.client().post("/api/admin-tokens", BOOTSTRAP, "{\"name\":\"analyst\"}").json();
        String[] session = signIn(created.get("token").asText());
        assertThat(send("GET", "/panel/session", null, "Cookie", cookie(session)).json().get("name").asText()).isEqualTo("analyst");

        assertThat(live.client().delete("/api/admin-tokens/" + created.get("id").asText(), BOOTSTRAP).status()).isEqualTo(200);

        assertThat(send("GET", "/api/deployments", null, "Cookie", cookie(session)).status()).isEqualTo(401);
        assertThat(send("GET", "/panel/session", null, "Cookie", cookie(session)).status()).isEqualTo(401);
    }

    @Test
    void the_panel_is_served_from_the_gateway_with_a_strict_content_security_policy() {
        Reply root = send("GET", "/", null);
        assertThat(root.status()).isBetween(301, 303);
        assertThat(root.header("Location")).isEqualTo("/panel/");

        Reply page = send("GET", "/panel/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<script type=\"module\"");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'", "frame-ancestors 'none'");
        assertThat(send("GET", "/panel/js/app.js", null).header("Content-Type")).contains("javascript");
    }
}
