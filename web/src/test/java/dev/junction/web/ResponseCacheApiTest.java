package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The response cache through the real HTTP server, with a loopback OpenAI provider (priced: gpt-4o-mini at the shipped
 * prices) that counts its calls: the second identical request is a hit with the header, no provider call and a log
 * entry saying so with the cost it saved; modes by header and body; a stream answered from the cache; invalidation
 * through the API; analytics; and the deployment API's 422 for a TTL over a year.
 */
class ResponseCacheApiTest {
    static final String ADMIN = "admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    static OpenAiStub provider;

    static String spec(String key, String cache) {
        return """
            {"key":"%s","variants":[{"key":"main","messages":[{"role":"system","content":"Answer briefly."},
              {"role":"user","content":"{{question}}"}],
              "primary":{"provider":"openai","model":"gpt-4o-mini"},"cache":%s}],
             "routing":{"rules":[],"defaultVariant":"main"}}
            """.formatted(key, cache);
    }

    @BeforeAll
    static void setUp() {
        provider = new OpenAiStub("It ships on Monday, as planned by the warehouse team.");
        assertThat(live.client().put("/api/providers/openai", ADMIN,
                "{\"kind\":\"openai\",\"baseUrl\":\"" + provider.baseUrl() + "\",\"apiKey\":\"sk-test\"}").status()).isEqualTo(201);
        live.client().post("/api/models/openai/gpt-4o-mini/activate", ADMIN, "");
        assertThat(live.client().post("/api/deployments", ADMIN, spec("cached", "{\"enabled\":true,\"ttlSeconds\":3600}")).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/cached/deploy", ADMIN, "{}").status()).isEqualTo(201);
    }

    @AfterAll
    static void tearDown() {
        provider.close();
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(live.client().base() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + live.demoKey())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> invoke(String question, String... headers) throws Exception {
        return post("/v2/deployments/invoke", "{\"key\":\"cached\",\"inputs\":{\"question\":\"" + question + "\"}}", headers);
    }

    static String cacheHeader(HttpResponse<String> r) {
        return r.headers().firstValue("X-Junction-Cache").orElse(null);
    }

    @Test
    void the_second_identical_request_is_a_hit_that_calls_no_model_and_is_logged_with_the_cost_it_saved() throws Exception {
        int calls = provider.authorizations.size();
        HttpResponse<String> first = invoke("Where is order 1?");
        HttpResponse<String> second = invoke("Where is order 1?");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(first)).isEqualTo("miss");
        assertThat(cacheHeader(second)).isEqualTo("hit");
        assertThat(provider.authorizations.size() - calls).as("one provider call for two requests").isEqualTo(1);
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        assertThat(b.at("/choices/0/message/content")).isEqualTo(a.at("/choices/0/message/content"));
        assertThat(b.get("id").asText()).isNotEqualTo(a.get("id").asText());

        UUID missId = UUID.fromString(a.get("id").asText());
        UUID hitId = UUID.fromString(b.get("id").asText());
        GatewayEndToEndTest.awaitLogRow(live.gateway(), missId);
        GatewayEndToEndTest.awaitLogRow(live.gateway(), hitId);
        JsonNode missLog = live.client().get("/api/logs/" + missId, ADMIN).json();
        JsonNode hitLog = live.client().get("/api/logs/" + hitId, ADMIN).json();
        assertThat(missLog.at("/cache/status").asText()).isEqualTo("miss");
        assertThat(missLog.get("costUsd").decimalValue()).isPositive();
        assertThat(hitLog.at("/cache/status").asText()).isEqualTo("hit");
        assertThat(hitLog.at("/cache/savedUsd").decimalValue()).isEqualByComparingTo(missLog.get("costUsd").decimalValue());
        assertThat(hitLog.at("/cache/ageMs").isIntegralNumber()).isTrue();
        assertThat(hitLog.get("costUsd").decimalValue()).isZero();
        assertThat(hitLog.get("status").asText()).isEqualTo("success");

        JsonNode analytics = live.client().get("/api/deployments/cached/analytics?groupBy=variant", ADMIN).json();
        JsonNode main = analytics.get("groups").get(0);
        assertThat(main.get("variant").asText()).isEqualTo("main");
        assertThat(main.at("/cache/hits").asLong()).isPositive();
        assertThat(main.at("/cache/hitRate").asDouble()).isBetween(0.0, 1.0).isPositive();
        assertThat(main.at("/cache/savedUsd").decimalValue()).isPositive();
    }

    @Test
    void modes_by_header_and_an_unknown_mode_is_a_400_naming_the_header() throws Exception {
        int calls = provider.authorizations.size();
        assertThat(cacheHeader(invoke("Where is order 2?", "X-Junction-Cache", "read-only"))).isEqualTo("miss");
        assertThat(cacheHeader(invoke("Where is order 2?", "X-Junction-Cache", "read-only"))).isEqualTo("miss");
        assertThat(cacheHeader(invoke("Where is order 2?"))).isEqualTo("miss");
        assertThat(cacheHeader(invoke("Where is order 2?", "X-Junction-Cache", "bypass"))).isEqualTo("bypass");
        assertThat(cacheHeader(invoke("Where is order 2?", "X-Junction-Cache", "refresh"))).isEqualTo("refresh");
        assertThat(cacheHeader(invoke("Where is order 2?", "X-Junction-Cache", "DEFAULT"))).isEqualTo("hit");
        assertThat(provider.authorizations.size() - calls).isEqualTo(5);

        HttpResponse<String> bad = invoke("Where is order 2?", "X-Junction-Cache", "sometimes");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("X-Junction-Cache", "sometimes", "read-only");
    }

    @Test
    void a_stream_is_answered_from_the_cache_as_a_stream_on_the_openai_door() throws Exception {
        String body = "{\"model\":\"cached\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is order 3?\"}],"
                + "\"junction\":{\"inputs\":{\"question\":\"q3\"}}%s}";
        HttpResponse<String> whole = post("/v1/chat/completions", body.formatted(""));
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(cacheHeader(whole)).isEqualTo("miss");
        int calls = provider.authorizations.size();

        HttpResponse<String> stream = post("/v1/chat/completions", body.formatted(",\"stream\":true"));
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(cacheHeader(stream)).isEqualTo("hit");
        assertThat(provider.authorizations.size()).isEqualTo(calls);
        StringBuilder text = new StringBuilder();
        int chunks = 0;
        for (String line : stream.body().split("\n")) {
            if (!line.startsWith("data: {")) continue;
            JsonNode content = JSON.readTree(line.substring(6)).at("/choices/0/delta/content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                text.append(content.asText());
                chunks++;
            }
        }
        assertThat(text.toString()).isEqualTo(JSON.readTree(whole.body()).at("/choices/0/message/content").asText());
        assertThat(chunks).as("word pieces").isGreaterThan(3);
        assertThat(stream.body()).endsWith("data: [DONE]\n\n");

        HttpResponse<String> bypass = post("/v1/chat/completions", "{\"model\":\"cached\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Where is order 3?\"}],\"junction\":{\"inputs\":{\"question\":\"q3\"},\"cache\":\"bypass\"}}");
        assertThat(bypass.statusCode()).as(bypass.body()).isEqualTo(200);
        assertThat(cacheHeader(bypass)).isEqualTo("bypass");
        HttpResponse<String> refresh = post("/v1/chat/completions", body.formatted(""), "X-Junction-Cache", "refresh");
        assertThat(refresh.statusCode()).as("the header alone").isEqualTo(200);
        assertThat(cacheHeader(refresh)).isEqualTo("refresh");
        HttpResponse<String> both = post("/v1/chat/completions",
                "{\"model\":\"cached\",\"messages\":[],\"junction\":{\"cache\":\"bypass\"}}", "X-Junction-Cache", "refresh");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("junction.cache");
    }

    @Test
    void invalidation_through_the_api_removes_the_deployments_entries() throws Exception {
        invoke("Where is order 4?");
        assertThat(cacheHeader(invoke("Where is order 4?"))).isEqualTo("hit");
        TestClient.Response removed = live.client().delete("/api/deployments/cached/cache", ADMIN);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("deployment").asText()).isEqualTo("cached");
        assertThat(removed.json().get("removed").asInt()).isPositive();
        assertThat(cacheHeader(invoke("Where is order 4?"))).isEqualTo("miss");

        assertThat(live.client().delete("/api/deployments/cached/cache", live.demoKey()).status()).as("admins only").isEqualTo(401);
        assertThat(live.client().delete("/api/deployments/nowhere/cache", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void a_ttl_over_a_year_is_a_422_naming_the_field() {
        TestClient.Response r = live.client().post("/api/deployments", ADMIN, spec("too-long", "{\"enabled\":true,\"ttlSeconds\":40000000}"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("variants[0].cache.ttlSeconds");
    }
}
