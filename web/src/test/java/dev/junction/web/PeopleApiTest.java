package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.store.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** People on a live gateway: invitations, passwords, sessions in the database, roles and the last admin. */
class PeopleApiTest {
    static final String ADMIN = "people-bootstrap-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    /** Invites a person with grants and sets their password through the link; answers their id. */
    static String person(TestClient client, String admin, String email, String grants, String password) {
        TestClient.Response invited = client.post("/api/users", admin,
                "{\"email\":\"" + email + "\",\"name\":\"" + email + "\",\"grants\":" + grants + "}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        String url = invited.json().at("/link/url").asText();
        assertThat(url).contains("/panel/#/welcome?token=jlnk_");
        String token = url.substring(url.indexOf("token=") + 6);
        TestClient.Response accepted = client.post("/auth/link", null, "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        return invited.json().at("/user/id").asText();
    }

    /** Signs in with email and password; answers the cookie and the CSRF token. */
    static Map<String, String> signIn(TestClient client, String email, String password) {
        TestClient.Response r = client.post("/panel/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String cookie = r.header("Set-Cookie");
        assertThat(cookie).startsWith("junction_session=").contains("HttpOnly").contains("SameSite=Strict");
        return Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')), "X-CSRF-Token", r.json().get("csrfToken").asText());
    }

    @Test
    void an_invited_person_sets_a_password_through_the_link_once_and_signs_in_with_their_grants() {
        TestClient client = live.client();
        TestClient.Response invited = client.post("/api/users", ADMIN,
                "{\"email\":\"Ana@Example.com\",\"name\":\"Ana\",\"grants\":[{\"role\":\"analyst\",\"scope\":\"support/emea\"}]}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(invited.json().at("/user/status").asText()).isEqualTo("invited");
        String token = invited.json().at("/link/token").asText();

        TestClient.Response info = client.get("/auth/link?token=" + token);
        assertThat(info.json().get("kind").asText()).isEqualTo("invite");
        assertThat(info.json().get("email").asText()).isEqualTo("Ana@Example.com");
        TestClient.Response weak = client.post("/auth/link", null, "{\"token\":\"" + token + "\",\"password\":\"short\"}");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().at("/errors/0/path").asText()).isEqualTo("password");
        assertThat(client.post("/auth/link", null, "{\"token\":\"" + token + "\",\"password\":\"a long enough passphrase\"}").status())
                .isEqualTo(200);
        TestClient.Response again = client.post("/auth/link", null, "{\"token\":\"" + token + "\",\"password\":\"another long passphrase\"}");
        assertThat(again.status()).as("a link works once").isEqualTo(404);

        Map<String, String> session = signIn(client, "ana@example.com", "a long enough passphrase");
        JsonNode me = client.request("GET", "/api/me", session, null).json();
        assertThat(me.get("kind").asText()).isEqualTo("user");
        assertThat(me.get("email").asText()).isEqualTo("Ana@Example.com");
        assertThat(me.at("/grants/0/role").asText()).isEqualTo("analyst");
        assertThat(me.at("/grants/0/scope").asText()).isEqualTo("support/emea");
        assertThat(me.at("/can/edit").asBoolean()).isTrue();
        assertThat(me.at("/can/deploy").asBoolean()).isFalse();
        assertThat(me.at("/can/admin").asBoolean()).isFalse();
        assertThat(client.request("GET", "/api/users", session, null).status()).isEqualTo(403);
        String body = client.get("/api/users", ADMIN).body();
        assertThat(body).contains("Ana@Example.com").doesNotContain("argon2").doesNotContain(token);
    }

    @Test
    void a_wrong_password_and_an_unknown_person_get_the_same_answer() {
        person(live.client(), ADMIN, "ben@example.com", "[{\"role\":\"viewer\"}]", "ben's long passphrase");

        TestClient.Response wrong = live.client().post("/panel/login", null, "{\"email\":\"ben@example.com\",\"password\":\"not his passphrase\"}");
        TestClient.Response unknown = live.client().post("/panel/login", null, "{\"email\":\"nobody@example.com\",\"password\":\"not his passphrase\"}");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    void guessing_one_persons_password_from_many_addresses_is_throttled_per_account() throws Exception {
        person(live.client(), ADMIN, "kim@example.com", "[{\"role\":\"viewer\"}]", "kim's long passphrase");
        String wrong = "{\"email\":\"KIM@example.com\",\"password\":\"a wrong guess here\"}";
        for (int i = 0; i < 10; i++) { // 5 guesses from each of two addresses: under the per-address limit
            assertThat(from("127.0.0." + (2 + i % 2), wrong).statusCode()).isEqualTo(401);
        }
        var right = from("127.0.0.4", "{\"email\":\"kim@example.com\",\"password\":\"kim's long passphrase\"}");
        assertThat(right.statusCode()).as(right.body()).isEqualTo(429);
        assertThat(right.headers().firstValue("Retry-After")).isPresent();
        // another person is not affected
        assertThat(from("127.0.0.4", "{\"email\":\"other@example.com\",\"password\":\"a wrong guess here\"}").statusCode())
                .isEqualTo(401);
    }

    private static java.net.http.HttpResponse<String> from(String address, String body) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .localAddress(java.net.InetAddress.getByName(address)).build();
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(live.client().base() + "/panel/login"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_session_is_kept_in_the_database_so_another_instance_and_a_restart_know_it() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        Path dirA = Files.createTempDirectory("junction-a");
        Path dirB = Files.createTempDirectory("junction-b");
        Gateway a = Main.start(new Settings(0, "127.0.0.1", dirA, db.jdbcUrl(), ADMIN, null, null), Clock.systemUTC());
        Gateway b = null;
        try {
            TestClient onA = new TestClient(a.port());
            person(onA, ADMIN, "cleo@example.com", "[{\"role\":\"deployer\",\"scope\":\"default\"}]", "cleo's long passphrase");
            Map<String, String> session = signIn(onA, "cleo@example.com", "cleo's long passphrase");
            a.close();
            a = null;

            b = Main.start(new Settings(0, "127.0.0.1", dirB, db.jdbcUrl(), ADMIN, null, null), Clock.systemUTC());
            TestClient onB = new TestClient(b.port());
            TestClient.Response me = onB.request("GET", "/api/me", session, null);
            assertThat(me.status()).as(me.body()).isEqualTo(200);
            assertThat(me.json().get("email").asText()).isEqualTo("cleo@example.com");
            // a gateway on another database has never seen this session: the cookie opens nothing there
            TestClient.Response elsewhere = live.client().request("GET", "/api/me", session, null);
            assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(401);

            // signing out on one instance ends the session on every instance
            assertThat(onB.request("POST", "/panel/logout", session, null).status()).isEqualTo(204);
            assertThat(onB.request("GET", "/api/me", session, null).status()).isEqualTo(401);
        } finally {
            if (a != null) a.close();
            if (b != null) b.close();
        }
    }

    @Test
    void disabling_a_person_ends_their_sessions_at_once_and_a_role_change_applies_to_the_next_request() {
        TestClient client = live.client();
        String id = person(client, ADMIN, "dan@example.com", "[{\"role\":\"analyst\"}]", "dan's long passphrase");
        Map<String, String> session = signIn(client, "dan@example.com", "dan's long passphrase");
        assertThat(client.request("GET", "/api/me", session, null).json().at("/can/edit").asBoolean()).isTrue();

        assertThat(client.put("/api/users/" + id, ADMIN, "{\"grants\":[{\"role\":\"viewer\"}]}").status()).isEqualTo(200);
        assertThat(client.request("GET", "/api/me", session, null).json().at("/can/edit").asBoolean()).isFalse();

        assertThat(client.put("/api/users/" + id, ADMIN, "{\"disabled\":true}").json().get("status").asText()).isEqualTo("disabled");
        assertThat(client.request("GET", "/api/me", session, null).status()).isEqualTo(401);
        assertThat(client.post("/panel/login", null, "{\"email\":\"dan@example.com\",\"password\":\"dan's long passphrase\"}").status())
                .isEqualTo(401);
    }

    @Test
    void the_last_admin_cannot_remove_their_own_admin_role_nor_be_removed() {
        TestClient client = live.client();
        String id = person(client, ADMIN, "eve@example.com", "[{\"role\":\"admin\"}]", "eve's long passphrase");
        Map<String, String> eve = signIn(client, "eve@example.com", "eve's long passphrase");

        TestClient.Response demote = client.request("PUT", "/api/users/" + id, eve, "{\"grants\":[{\"role\":\"viewer\"}]}");
        assertThat(demote.status()).as(demote.body()).isEqualTo(409);
        assertThat(demote.json().get("message").asText()).contains("last active admin");
        assertThat(client.delete("/api/users/" + id, ADMIN).status()).isEqualTo(409);
        assertThat(client.put("/api/users/" + id, ADMIN, "{\"disabled\":true}").status()).isEqualTo(409);

        person(client, ADMIN, "fay@example.com", "[{\"role\":\"admin\"}]", "fay's long passphrase");
        assertThat(client.request("PUT", "/api/users/" + id, eve, "{\"grants\":[{\"role\":\"viewer\"}]}").status()).isEqualTo(200);
    }

    @Test
    void bad_input_names_the_field() {
        TestClient.Response r = live.client().post("/api/users", ADMIN,
                "{\"email\":\"not-an-email\",\"grants\":[{\"role\":\"owner\",\"scope\":\"a//b?\"}]}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("\"email\"").contains("grants[0].role").contains("grants[0].scope");
        TestClient.Response token = live.client().post("/api/admin-tokens", ADMIN, "{\"name\":\"ci\",\"role\":\"root\"}");
        assertThat(token.status()).isEqualTo(422);
        assertThat(token.body()).contains("\"role\"");
    }

    @Test
    void a_viewer_reads_logs_without_bodies_and_a_scoped_person_sees_only_their_deployments() throws Exception {
        TestClient client = live.client();
        TestClient.Response invoked = client.post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"where is my parcel?\"}}");
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(200);
        String logId = invoked.json().get("id").asText();
        person(client, ADMIN, "gus@example.com", "[{\"role\":\"viewer\"}]", "gus's long passphrase");
        person(client, ADMIN, "hal@example.com", "[{\"role\":\"analyst\",\"scope\":\"billing\"}]", "hal's long passphrase");
        person(client, ADMIN, "ivy@example.com", "[{\"role\":\"viewer\",\"bodies\":true}]", "ivy's long passphrase");
        Map<String, String> gus = signIn(client, "gus@example.com", "gus's long passphrase");
        Map<String, String> hal = signIn(client, "hal@example.com", "hal's long passphrase");
        Map<String, String> ivy = signIn(client, "ivy@example.com", "ivy's long passphrase");

        TestClient.Response entry = null;
        for (int i = 0; i < 200; i++) { // the log is written a moment after the answer
            entry = client.request("GET", "/api/logs/" + logId, gus, null);
            if (entry.status() == 200) break;
            Thread.sleep(25);
        }
        assertThat(entry.status()).as(entry.body()).isEqualTo(200);
        assertThat(entry.json().get("bodiesHidden").asBoolean()).isTrue();
        assertThat(entry.body()).doesNotContain("where is my parcel");
        assertThat(client.request("GET", "/api/logs/" + logId, ivy, null).body()).contains("where is my parcel");

        assertThat(client.request("GET", "/api/deployments", hal, null).json().get("data")).isEmpty();
        assertThat(client.request("GET", "/api/logs", hal, null).json().get("data")).isEmpty();
        assertThat(client.request("GET", "/api/logs/" + logId, hal, null).status()).isEqualTo(404);
        TestClient.Response draft = client.request("GET", "/api/deployments/customer-support/draft", hal, null);
        assertThat(draft.status()).isEqualTo(403);
        assertThat(draft.json().get("message").asText()).contains("customer-support").contains("view");
    }
}
