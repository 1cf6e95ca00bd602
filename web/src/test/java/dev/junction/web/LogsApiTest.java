package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logs, feedback, analytics and metrics on a live gateway: requests with different contexts, metadata and outcomes
 * (simulator models echo, flaky, broken), then every filter, pagination, the detail, feedback through the official
 * SDK and raw HTTP, analytics checked against the rows, and the Prometheus scrape.
 */
class LogsApiTest {
    static final String ADMIN = "admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static final String SPEC = """
        {"key":"obs","description":"observability","contextSchema":[{"name":"kind","type":"string"}],
         "variants":[
           {"key":"ok","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hello"},
            "primary":{"provider":"simulator","model":"echo"}},
           {"key":"bad","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hello"},
            "primary":{"provider":"simulator","model":"broken"}},
           {"key":"flaky","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hello"},
            "primary":{"provider":"simulator","model":"flaky","retries":1}},
           {"key":"fb","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hello"},
            "primary":{"provider":"simulator","model":"broken"},"fallback":{"provider":"simulator","model":"echo"}}],
         "routing":{"rules":[
            {"id":"r-bad","when":[{"field":"kind","op":"equals","value":"bad"}],"variant":"bad"},
            {"id":"r-flaky","when":[{"field":"kind","op":"equals","value":"flaky"}],"variant":"flaky"},
            {"id":"r-fb","when":[{"field":"kind","op":"equals","value":"fb"}],"variant":"fb"}],
           "defaultVariant":"ok"}}
        """;

    /** Ids of the requests made, oldest first. */
    static final List<UUID> ids = new ArrayList<>();
    static UUID fallbackId;
    static UUID sdkId;

    static UUID invoke(String context, String extra, int expectedStatus) {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"obs\",\"context\":" + context + extra + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(expectedStatus);
        UUID id = UUID.fromString(r.status() == 200 ? r.json().get("id").asText() : r.json().get("request_id").asText());
        ids.add(id);
        return id;
    }

    @BeforeAll
    static void traffic() throws Exception {
        assertThat(live.client().post("/api/deployments", ADMIN, SPEC).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/obs/deploy", ADMIN, "{}").status()).isEqualTo(201);
        invoke("{}", ",\"metadata\":{\"customer\":\"acme\",\"n\":1}", 200);
        invoke("{}", ",\"metadata\":{\"customer\":\"acme\",\"n\":2},\"identity\":{\"id\":\"user-7\"},\"thread\":{\"id\":\"t-1\"}", 200);
        invoke("{\"kind\":\"bad\"}", "", 502);
        invoke("{\"kind\":\"bad\"}", ",\"metadata\":{\"customer\":\"globex\"}", 502);
        invoke("{\"kind\":\"flaky\"}", "", 200);
        fallbackId = invoke("{\"kind\":\"fb\"}", ",\"inputs\":{\"q\":\"where is my order?\"}", 200);
        invoke("{}", ",\"invoke_options\":{\"mock_response\":\"mocked!\"}", 200);
        JsonNode sdk = NodeSdk.call(live.gateway().port(), live.demoKey(), "invoke",
                "{\"key\":\"obs\",\"context\":{},\"metadata\":{\"customer\":\"acme\"}}");
        assertThat(sdk.get("ok").asBoolean()).as(sdk.toString()).isTrue();
        sdkId = UUID.fromString(sdk.at("/result/id").asText());
        ids.add(sdkId);
        for (UUID id : ids) GatewayEndToEndTest.awaitLogRow(live.gateway(), id);
    }

    static JsonNode get(String path) {
        TestClient.Response r = live.client().get(path, ADMIN);
        assertThat(r.status()).as(path + " -> " + r.body()).isEqualTo(200);
        return r.json();
    }

    static List<String> idsOf(String query) {
        List<String> out = new ArrayList<>();
        get("/api/logs?deployment=obs" + query).get("data").forEach(row -> out.add(row.get("id").asText()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void every_filter_selects_the_matching_requests_newest_first() {
        List<String> all = idsOf("");
        List<String> expected = ids.reversed().stream().map(UUID::toString).toList();
        assertThat(all).containsExactlyElementsOf(expected);
        assertThat(idsOf("&variant=bad")).hasSize(2);
        assertThat(idsOf("&variant=bad,fb")).hasSize(3);
        assertThat(idsOf("&status=error")).hasSize(2);
        assertThat(idsOf("&status=success,mocked")).hasSize(6);
        assertThat(idsOf("&status=mocked")).hasSize(1);
        assertThat(idsOf("&source=SDK")).containsExactly(sdkId.toString());
        assertThat(idsOf("&source=api")).hasSize(7);
        assertThat(idsOf("&evaluation=" + enc("Default Matched"))).hasSize(4);
        assertThat(idsOf("&evaluation=Matched")).hasSize(4);
        assertThat(idsOf("&metadata.customer=acme")).hasSize(3);
        assertThat(idsOf("&metadata.customer=acme&metadata.n=2")).containsExactly(ids.get(1).toString());
        assertThat(idsOf("&identity=user-7&thread=t-1")).containsExactly(ids.get(1).toString());
        JsonNode first = get("/api/logs/" + ids.getFirst());
        JsonNode last = get("/api/logs/" + ids.getLast());
        assertThat(idsOf("&from=" + enc(first.get("createdAt").asText()) + "&to=" + enc(last.get("createdAt").asText())))
                .hasSize(ids.size() - 1).doesNotContain(ids.getLast().toString());
        assertThat(idsOf("&from=2100-01-01")).isEmpty();
        assertThat(get("/api/logs?deployment=nope").get("data")).isEmpty();
    }

    @Test
    void pages_follow_the_cursor_without_gaps_or_repeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/logs?deployment=obs&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("data").forEach(row -> seen.add(row.get("id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            assertThat(page.get("has_more").asBoolean()).isEqualTo(cursor != null);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(ids.reversed().stream().map(UUID::toString).toList());
    }

    @Test
    void a_bad_parameter_is_a_400_naming_it() {
        for (String[] c : new String[][] {{"status=weird", "status"}, {"source=cli", "source"}, {"limit=0", "limit"},
                {"limit=x", "limit"}, {"from=yesterday", "from"}, {"cursor=garbage", "cursor"},
                {"evaluation=maybe", "evaluation"}, {"colour=red", "colour"}}) {
            TestClient.Response r = live.client().get("/api/logs?" + c[0], ADMIN);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().get("message").asText()).as(c[0]).startsWith(c[1] + ":");
        }
        assertThat(live.client().get("/api/logs").status()).isEqualTo(401);
        assertThat(live.client().get("/api/logs/" + UUID.randomUUID(), ADMIN).status()).isEqualTo(404);
        assertThat(live.client().get("/api/logs/not-an-id", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void the_detail_has_everything_recorded_about_a_request() {
        JsonNode d = get("/api/logs/" + fallbackId);
        assertThat(d.get("deployment").asText()).isEqualTo("obs");
        assertThat(d.get("version").asInt()).isEqualTo(1);
        assertThat(d.get("variant").asText()).isEqualTo("fb");
        assertThat(d.get("evaluation").asText()).isEqualTo("Matched");
        assertThat(d.get("rule").asText()).isEqualTo("r-fb");
        assertThat(d.get("status").asText()).isEqualTo("success");
        assertThat(d.get("source").asText()).isEqualTo("API");
        assertThat(d.get("model").asText()).isEqualTo("echo");
        assertThat(d.at("/context/kind").asText()).isEqualTo("fb");
        assertThat(d.at("/inputs/q").asText()).isEqualTo("where is my order?");
        assertThat(d.at("/messages/0/content").asText()).isEqualTo("where is my order?");
        assertThat(d.get("answer").asText()).contains("where is my order?");
        assertThat(d.get("finishReason").asText()).isEqualTo("stop");
        assertThat(d.get("attempts")).hasSize(2);
        assertThat(d.at("/attempts/0/model").asText()).isEqualTo("broken");
        assertThat(d.at("/attempts/0/reason").asText()).isEqualTo("server_error");
        assertThat(d.at("/attempts/0/next").asText()).isEqualTo("fallback");
        assertThat(d.at("/attempts/1/success").asBoolean()).isTrue();
        assertThat(d.at("/tokens/total").asInt()).isPositive();
        assertThat(d.get("latencyMs").asDouble()).isPositive();
        assertThat(d.get("feedback").isArray()).isTrue();
        JsonNode withIdentity = get("/api/logs/" + ids.get(1));
        assertThat(withIdentity.at("/request/identity/id").asText()).isEqualTo("user-7");
        assertThat(withIdentity.get("identityId").asText()).isEqualTo("user-7");
        assertThat(withIdentity.at("/metadata/n").asInt()).isEqualTo(2);
    }

    @Test
    void metadata_can_be_added_after_the_fact_with_an_admin_token_or_an_api_key() {
        UUID id = ids.get(4);
        TestClient.Response r = live.client().send("PATCH", "/api/logs/" + id + "/metadata", ADMIN, "{\"order\":\"o-1\",\"n\":3}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/metadata/order").asText()).isEqualTo("o-1");
        TestClient.Response byKey = live.client().send("PATCH", "/v2/logs/" + id + "/metadata", live.demoKey(), "{\"n\":null,\"paid\":true}");
        assertThat(byKey.status()).as(byKey.body()).isEqualTo(200);
        assertThat(byKey.json().get("metadata")).isEqualTo(JSON.valueToTree(Map.of("order", "o-1", "paid", true)));
        assertThat(idsOf("&metadata.order=o-1&metadata.paid=true")).containsExactly(id.toString());
        assertThat(live.client().send("PATCH", "/v2/logs/" + id + "/metadata", "wrong", "{}").status()).isEqualTo(401);
        assertThat(live.client().send("PATCH", "/api/logs/" + UUID.randomUUID() + "/metadata", ADMIN, "{}").status()).isEqualTo(404);
        assertThat(live.client().send("PATCH", "/api/logs/" + id + "/metadata", ADMIN, "[1]").status()).isEqualTo(400);
        // PostgreSQL stores no NUL character: a 400 that says so, not a 500
        TestClient.Response nul = live.client().send("PATCH", "/api/logs/" + id + "/metadata", ADMIN, "{\"k\":\"a\\u0000b\"}");
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.json().get("message").asText()).contains("NUL");
        assertThat(live.client().get("/api/logs?metadata.k=%00", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void feedback_through_the_official_sdk_and_raw_http_shows_in_the_detail() throws Exception {
        JsonNode created = NodeSdk.call(live.gateway().port(), live.demoKey(), "feedback.create",
                "{\"field\":\"rating\",\"value\":5,\"traceId\":\"" + sdkId + "\"}");
        assertThat(created.get("ok").asBoolean()).as(created.toString()).isTrue();
        assertThat(created.at("/result/property").asText()).isEqualTo("rating");
        assertThat(created.at("/result/value").asInt()).isEqualTo(5);
        assertThat(created.at("/result/traceId").asText()).isEqualTo(sdkId.toString());
        assertThat(created.at("/result/product").asText()).isEqualTo("deployments");
        String ratingId = created.at("/result/id").asText();

        String hex = sdkId.toString().replace("-", "");
        TestClient.Response labels = live.client().post("/v2/feedback", live.demoKey(),
                "{\"property\":\"labels\",\"value\":[\"helpful\",\"short\"],\"trace_id\":\"" + hex + "\"}");
        assertThat(labels.status()).as(labels.body()).isEqualTo(200);
        assertThat(labels.json().get("trace_id").asText()).isEqualTo(hex);
        TestClient.Response again = live.client().post("/v2/feedback", live.demoKey(),
                "{\"property\":\"rating\",\"value\":\"good\",\"trace_id\":\"" + sdkId + "\"}");
        assertThat(again.json().get("id").asText()).as("a property has one value").isEqualTo(ratingId);
        TestClient.Response noSuchId = live.client().post("/v2/feedback", live.demoKey(),
                "{\"id\":\"" + UUID.randomUUID() + "\",\"property\":\"labels\",\"value\":1,\"trace_id\":\"" + sdkId + "\"}");
        assertThat(noSuchId.status()).as(noSuchId.body()).isEqualTo(404);

        JsonNode fb = get("/api/logs/" + sdkId).get("feedback");
        assertThat(fb).as("an update of an unknown feedback removed nothing").hasSize(2);
        assertThat(fb).hasSize(2);
        assertThat(fb.get(0).get("property").asText()).isEqualTo("rating");
        assertThat(fb.get(0).get("value").asText()).isEqualTo("good");
        assertThat(fb.get(1).get("value")).isEqualTo(JSON.readTree("[\"helpful\",\"short\"]"));

        JsonNode removed = NodeSdk.call(live.gateway().port(), live.demoKey(), "feedback.remove",
                "{\"id\":\"" + ratingId + "\",\"traceId\":\"" + sdkId + "\",\"product\":\"deployments\"}");
        assertThat(removed.get("ok").asBoolean()).as(removed.toString()).isTrue();
        assertThat(get("/api/logs/" + sdkId).get("feedback")).hasSize(1);
        JsonNode gone = NodeSdk.call(live.gateway().port(), live.demoKey(), "feedback.remove",
                "{\"id\":\"" + ratingId + "\",\"traceId\":\"" + sdkId + "\",\"product\":\"deployments\"}");
        assertThat(gone.get("statusCode").asInt()).isEqualTo(404);

        String old = "0188f2a0-0000-7000-8000-000000000000";
        TestClient.Response unknown = live.client().post("/v2/feedback", live.demoKey(),
                "{\"property\":\"rating\",\"value\":1,\"trace_id\":\"" + old + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).contains(old);
        TestClient.Response noProperty = live.client().post("/v2/feedback", live.demoKey(), "{\"value\":1,\"trace_id\":\"" + sdkId + "\"}");
        assertThat(noProperty.status()).isEqualTo(400);
        assertThat(noProperty.json().get("message").asText()).startsWith("property:");
        TestClient.Response badValue = live.client().post("/v2/feedback", live.demoKey(),
                "{\"property\":\"x\",\"value\":{\"a\":1},\"trace_id\":\"" + sdkId + "\"}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(live.client().post("/v2/feedback", null, "{}").status()).isEqualTo(401);
    }

    @Test
    void analytics_match_the_rows_exactly_for_recent_requests() {
        JsonNode a = get("/api/deployments/obs/analytics");
        assertThat(a.get("percentiles").asText()).isEqualTo("exact");
        assertThat(a.get("bucket").asText()).isEqualTo("day");
        JsonNode t = a.get("totals");
        assertThat(t.get("requests").asLong()).isEqualTo(8);
        assertThat(t.get("errors").asLong()).isEqualTo(2);
        assertThat(t.get("errorRate").asDouble()).isEqualTo(0.25);
        var dsl = live.gateway().database().dsl();
        BigDecimal cost = dsl.resultQuery("SELECT coalesce(sum(cost_usd), 0) FROM request_logs WHERE deployment_key = 'obs'")
                .fetchOne(0, BigDecimal.class);
        assertThat(t.get("costUsd").decimalValue()).isEqualByComparingTo(cost);
        long tokens = dsl.resultQuery("SELECT coalesce(sum(total_tokens), 0) FROM request_logs WHERE deployment_key = 'obs'")
                .fetchOne(0, Long.class);
        assertThat(t.at("/tokens/total").asLong()).isEqualTo(tokens);
        List<Long> latencies = dsl.resultQuery("SELECT latency_micros FROM request_logs WHERE deployment_key = 'obs' ORDER BY 1")
                .fetch(0, Long.class);
        assertThat(t.at("/latencyMs/p50").asDouble()).isEqualTo(latencies.get(3) / 1000.0); // nearest rank: ceil(0.5 * 8) = 4th
        assertThat(t.at("/latencyMs/p99").asDouble()).isEqualTo(latencies.get(7) / 1000.0);
        assertThat(a.get("series")).hasSize(1);
        assertThat(a.at("/series/0/requests").asLong()).isEqualTo(8);
        Map<String, Long> perVariant = new java.util.TreeMap<>();
        a.get("groups").forEach(g -> perVariant.put(g.get("variant").asText(), g.get("requests").asLong()));
        assertThat(perVariant).isEqualTo(Map.of("ok", 4L, "bad", 2L, "flaky", 1L, "fb", 1L));
        JsonNode bad = get("/api/deployments/obs/analytics?groupBy=variant").get("groups");
        bad.forEach(g -> {
            if (g.get("variant").asText().equals("bad")) assertThat(g.get("errorRate").asDouble()).isEqualTo(1.0);
        });

        JsonNode hourly = get("/api/deployments/obs/analytics?bucket=hour&groupBy=version");
        assertThat(hourly.at("/groups/0/version").asInt()).isEqualTo(1);
        assertThat(hourly.at("/groups/0/requests").asLong()).isEqualTo(8);

        live.gateway().rollups().runOnce(); // the current hour is not settled: still exact
        assertThat(get("/api/deployments/obs/analytics").get("percentiles").asText()).isEqualTo("exact");

        assertThat(live.client().get("/api/deployments/obs/analytics?bucket=week", ADMIN).json().get("message").asText()).startsWith("bucket:");
        assertThat(live.client().get("/api/deployments/obs/analytics?from=2026-13-01", ADMIN).status()).isEqualTo(400);
        assertThat(live.client().get("/api/deployments/obs/analytics?from=%2B300000-01-01T00:00:00Z", ADMIN).json()
                .at("/errors/0/path").asText()).isEqualTo("from");
        assertThat(live.client().get("/api/deployments/nope/analytics", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void metrics_count_requests_attempts_retries_and_fallbacks_in_the_prometheus_format() {
        assertThat(live.client().get("/metrics").status()).isEqualTo(401);
        TestClient.Response r = live.client().get("/metrics", ADMIN);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        String text = r.body();
        assertThat(text).contains("# TYPE junction_requests_total counter\n");
        assertThat(text).contains("junction_requests_total{deployment=\"obs\",status=\"error\"} 2\n");
        assertThat(text).contains("junction_requests_total{deployment=\"obs\",status=\"mocked\"} 1\n");
        assertThat(text).contains("junction_retries_total{deployment=\"obs\",reason=\"server_error\"} 1\n");
        assertThat(text).contains("junction_fallbacks_total{deployment=\"obs\",reason=\"server_error\"} 1\n");
        assertThat(text).contains("junction_attempts_total{provider=\"simulator\",model=\"broken\",outcome=\"failure\"} 3\n");
        assertThat(text).contains("junction_request_duration_seconds_bucket{deployment=\"obs\",le=\"+Inf\"} 8\n");
        assertThat(text).contains("junction_request_duration_seconds_count{deployment=\"obs\"} 8\n");
        assertThat(text).containsPattern("junction_log_queue_depth \\d+\n");
        assertThat(text).containsPattern("junction_log_written_total \\d+\n");
        assertThat(text).contains("junction_log_spill_bytes 0\n");
        double sum = Double.parseDouble(text.lines().filter(l -> l.startsWith("junction_request_duration_seconds_sum{deployment=\"obs\"}"))
                .findFirst().orElseThrow().split(" ")[1]);
        assertThat(sum).isCloseTo(get("/api/deployments/obs/analytics").at("/totals/latencyMs/avg").asDouble() * 8 / 1000, within(1e-6));
    }
}
