package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.spend.QuotaUsage;
import dev.junction.engine.spend.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/rate-limits}, {@code /api/budgets}, {@code /api/spend}, {@code /api/keys/{id}/quotas} over real HTTP. */
class QuotaRoutesApiTest {
    private static final QuotaServer server = new QuotaServer();
    private static final TestClient http = server.client;
    private static final String A = QuotaServer.ADMIN;

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() {
        server.quotas.limits().forEach(l -> server.quotas.deleteLimit(l.id()));
        server.quotas.budgets().forEach(b -> server.quotas.deleteBudget(b.id()));
        server.quotas.uses.clear();
    }

    private static List<String> paths(TestClient.Response r) {
        List<String> out = new ArrayList<>();
        r.json().path("errors").forEach(e -> out.add(e.get("path").asText()));
        return out;
    }

    @Test
    void everyRouteNeedsAnAdmin() {
        for (String path : List.of("/api/rate-limits", "/api/budgets", "/api/spend", "/api/keys/" + server.apiKeyId + "/quotas")) {
            assertThat(http.get(path).status()).as(path).isEqualTo(401);
            assertThat(http.get(path, server.apiKey).status()).as(path + " with an API key").isEqualTo(401);
        }
        assertThat(http.post("/api/rate-limits", null, "{\"scope\":\"workspace\",\"requestsPerMinute\":1}").status()).isEqualTo(401);
    }

    @Test
    void rateLimitsAreCreatedReadReplacedAndRemoved() {
        int reloads = server.quotas.reloads.get();
        TestClient.Response created = http.post("/api/rate-limits", A,
                "{\"scope\":\"api_key\",\"target\":\"" + server.apiKeyId + "\",\"requestsPerMinute\":60,\"concurrent\":4}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode l = created.json();
        String id = l.get("id").asText();
        assertThat(l.get("scope").asText()).isEqualTo("api_key");
        assertThat(l.get("target").asText()).isEqualTo(server.apiKeyId.toString());
        assertThat(l.get("requestsPerMinute").asInt()).isEqualTo(60);
        assertThat(l.get("tokensPerMinute").isNull()).isTrue();
        assertThat(l.get("concurrent").asInt()).isEqualTo(4);
        assertThat(l.get("createdAt").asText()).isEqualTo(l.get("updatedAt").asText());
        assertThat(server.quotas.reloads.get()).isEqualTo(reloads + 1);

        assertThat(http.get("/api/rate-limits/" + id, A).json()).isEqualTo(l);
        assertThat(http.get("/api/rate-limits", A).json().get("data")).containsExactly(l);

        TestClient.Response replaced = http.put("/api/rate-limits/" + id, A, "{\"scope\":\"identity\",\"target\":\"*\",\"tokensPerMinute\":10000}");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("id").asText()).isEqualTo(id);
        assertThat(replaced.json().get("scope").asText()).isEqualTo("identity");
        assertThat(replaced.json().get("requestsPerMinute").isNull()).isTrue(); // PUT replaces the whole limit
        assertThat(replaced.json().get("createdAt")).isEqualTo(l.get("createdAt"));
        assertThat(server.quotas.reloads.get()).isEqualTo(reloads + 2);

        assertThat(http.delete("/api/rate-limits/" + id, A).status()).isEqualTo(204);
        assertThat(server.quotas.reloads.get()).isEqualTo(reloads + 3);
        assertThat(http.get("/api/rate-limits/" + id, A).status()).isEqualTo(404);
        assertThat(http.delete("/api/rate-limits/" + id, A).status()).isEqualTo(404);
        assertThat(http.put("/api/rate-limits/" + id, A, "{\"scope\":\"workspace\",\"requestsPerMinute\":1}").status()).isEqualTo(404);
        assertThat(http.get("/api/rate-limits/not-a-uuid", A).status()).isEqualTo(404);
    }

    @Test
    void budgetsAreCreatedReadReplacedAndRemoved() {
        TestClient.Response created = http.post("/api/budgets", A,
                "{\"scope\":\"identity\",\"target\":\"customer-7\",\"amountUsd\":50,\"period\":\"month\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode b = created.json();
        String id = b.get("id").asText();
        assertThat(b.get("amountUsd").decimalValue()).isEqualByComparingTo("50");
        assertThat(b.get("period").asText()).isEqualTo("month");
        assertThat(b.get("hard").asBoolean()).isTrue();
        assertThat(b.get("thresholds")).extracting(JsonNode::asInt).containsExactly(50, 80, 100);
        assertThat(b.get("startsAt").isNull()).isTrue();
        assertThat(http.get("/api/budgets", A).json().get("data")).containsExactly(b);

        TestClient.Response replaced = http.put("/api/budgets/" + id, A, "{\"scope\":\"model\",\"target\":\"openai/gpt-4o\","
                + "\"amountUsd\":\"1000.50\",\"period\":\"fixed\",\"startsAt\":\"2026-03-01T00:00:00Z\",\"endsAt\":\"2026-04-01T00:00:00+02:00\","
                + "\"hard\":false,\"thresholds\":[25,90]}");
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode r = replaced.json();
        assertThat(r.get("amountUsd").decimalValue()).isEqualByComparingTo("1000.50");
        assertThat(r.get("endsAt").asText()).isEqualTo("2026-03-31T22:00:00Z");
        assertThat(r.get("hard").asBoolean()).isFalse();
        assertThat(r.get("thresholds")).extracting(JsonNode::asInt).containsExactly(25, 90);
        assertThat(http.get("/api/budgets/" + id, A).json()).isEqualTo(r);

        assertThat(http.delete("/api/budgets/" + id, A).status()).isEqualTo(204);
        assertThat(http.get("/api/budgets/" + id, A).status()).isEqualTo(404);
        assertThat(http.get("/api/budgets", A).json().get("data")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero limit|{\"scope\":\"workspace\",\"requestsPerMinute\":0}|requestsPerMinute|at least 1",
            "negative limit|{\"scope\":\"workspace\",\"tokensPerMinute\":-1}|tokensPerMinute|at least 1",
            "limit too large|{\"scope\":\"workspace\",\"concurrent\":99999999999}|concurrent|at most",
            "no limit at all|{\"scope\":\"workspace\"}|requestsPerMinute|at least one of",
            "unknown scope|{\"scope\":\"team\",\"requestsPerMinute\":1}|scope|one of workspace, project, deployment, api_key, identity",
            "missing scope|{\"requestsPerMinute\":1}|scope|required",
            "model scope|{\"scope\":\"model\",\"target\":\"openai/gpt-4o\",\"requestsPerMinute\":1}|scope|rate limits cannot",
            "provider scope|{\"scope\":\"provider\",\"target\":\"openai\",\"requestsPerMinute\":1}|scope|rate limits cannot",
            "api key target|{\"scope\":\"api_key\",\"target\":\"demo\",\"requestsPerMinute\":1}|target|UUID",
            "workspace target|{\"scope\":\"workspace\",\"target\":\"acme\",\"requestsPerMinute\":1}|target|only target",
            "missing target|{\"scope\":\"identity\",\"requestsPerMinute\":1}|target|required",
    })
    void badRateLimitsAre422NamingTheField(String name, String body, String path, String message) {
        for (TestClient.Response r : List.of(http.post("/api/rate-limits", A, body), putOnExistingLimit(body))) {
            assertThat(r.status()).as(name).isEqualTo(422);
            assertThat(paths(r)).as(name).containsExactly(path);
            assertThat(r.json().get("errors").get(0).get("message").asText()).as(name).contains(message);
            assertThat(r.json().get("code").asText()).isEqualTo("422");
        }
        assertThat(server.quotas.limits()).allMatch(l -> l.requestsPerMinute() != null && l.requestsPerMinute() == 7);
    }

    private TestClient.Response putOnExistingLimit(String body) {
        String id = http.post("/api/rate-limits", A, "{\"scope\":\"workspace\",\"requestsPerMinute\":7}").json().get("id").asText();
        return http.put("/api/rate-limits/" + id, A, body);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zero amount|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":0,\"period\":\"day\"}|amountUsd|more than 0",
            "negative amount|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":-5,\"period\":\"day\"}|amountUsd|more than 0",
            "no amount|{\"scope\":\"project\",\"target\":\"p\",\"period\":\"day\"}|amountUsd|required",
            "unknown scope|{\"scope\":\"team\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"day\"}|scope|one of workspace, project, deployment, api_key, identity, provider, model",
            "unknown period|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"week\"}|period|one of day, month, fixed",
            "ends before it starts|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"fixed\",\"startsAt\":\"2026-05-01T00:00:00Z\",\"endsAt\":\"2026-04-01T00:00:00Z\"}|endsAt|must be after startsAt",
            "fixed without end|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"fixed\",\"startsAt\":\"2026-05-01T00:00:00Z\"}|endsAt|required for a fixed period",
            "dates on a month|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"month\",\"endsAt\":\"2026-05-01T00:00:00Z\"}|endsAt|only a fixed period has dates",
            "threshold over 100|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"day\",\"thresholds\":[50,120]}|thresholds[1]|1 to 100",
            "thresholds descending|{\"scope\":\"project\",\"target\":\"p\",\"amountUsd\":5,\"period\":\"day\",\"thresholds\":[80,50]}|thresholds[1]|ascending",
            "model target|{\"scope\":\"model\",\"target\":\"gpt-4o\",\"amountUsd\":5,\"period\":\"day\"}|target|provider/model",
    })
    void badBudgetsAre422NamingTheField(String name, String body, String path, String message) {
        TestClient.Response r = http.post("/api/budgets", A, body);
        assertThat(r.status()).as(name).isEqualTo(422);
        assertThat(paths(r)).as(name).containsExactly(path);
        assertThat(r.json().get("errors").get(0).get("message").asText()).as(name).contains(message);
        assertThat(server.quotas.budgets()).isEmpty();
    }

    @Test
    void everyFieldAtFaultIsNamedInOneAnswer() {
        TestClient.Response r = http.post("/api/budgets", A, "{\"scope\":\"team\",\"amountUsd\":-1,\"period\":\"week\",\"thresholds\":[0]}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(paths(r)).containsExactly("scope", "amountUsd", "period", "thresholds[0]");
        assertThat(r.json().get("message").asText()).isEqualTo("4 fields are invalid");
    }

    @Test
    void malformedMembersAre400NamingThem() {
        assertThat(paths(http.post("/api/rate-limits", A, "{\"scope\":\"workspace\",\"requestsPerMinute\":\"ten\"}"))).containsExactly("requestsPerMinute");
        assertThat(http.post("/api/rate-limits", A, "{\"scope\":\"workspace\",\"requestsPerMinute\":1.5}").status()).isEqualTo(400);
        TestClient.Response unknown = http.post("/api/rate-limits", A, "{\"scope\":\"workspace\",\"requestsPerMinute\":1,\"burst\":5}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(paths(unknown)).containsExactly("burst");
        assertThat(paths(http.post("/api/budgets", A, "{\"scope\":\"workspace\",\"amountUsd\":\"lots\",\"period\":\"day\"}"))).containsExactly("amountUsd");
        assertThat(paths(http.post("/api/budgets", A, "{\"scope\":\"workspace\",\"amountUsd\":1,\"period\":\"fixed\",\"startsAt\":\"tomorrow\"}"))).containsExactly("startsAt");
        assertThat(paths(http.post("/api/budgets", A, "{\"scope\":\"workspace\",\"amountUsd\":1,\"period\":\"day\",\"hard\":\"yes\"}"))).containsExactly("hard");
        assertThat(paths(http.post("/api/budgets", A, "{\"scope\":\"workspace\",\"amountUsd\":1,\"period\":\"day\",\"thresholds\":[\"50\"]}"))).containsExactly("thresholds[0]");
        assertThat(http.post("/api/budgets", A, "[1]").status()).isEqualTo(400);
        assertThat(http.post("/api/budgets", A, "{\"scope\":").status()).isEqualTo(400);
        assertThat(server.quotas.limits()).isEmpty();
        assertThat(server.quotas.budgets()).isEmpty();
    }

    @Test
    void spendShowsUseAgainstLimitResetAndThresholds() {
        String budgetId = http.post("/api/budgets", A, "{\"scope\":\"api_key\",\"target\":\"*\",\"amountUsd\":10,\"period\":\"day\",\"thresholds\":[50,80,100]}")
                .json().get("id").asText();
        String limitId = http.post("/api/rate-limits", A, "{\"scope\":\"api_key\",\"target\":\"*\",\"requestsPerMinute\":100}").json().get("id").asText();
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        String key = server.apiKeyId.toString();
        server.quotas.uses.add(new QuotaUsage.Use(UUID.fromString(budgetId), "budget", Scope.API_KEY, key, new BigDecimal("8.5"),
                BigDecimal.TEN, day, day.plusSeconds(86_400)));
        server.quotas.uses.add(new QuotaUsage.Use(UUID.fromString(limitId), "requests", Scope.API_KEY, key, BigDecimal.valueOf(12),
                BigDecimal.valueOf(100), day, day.plusSeconds(60)));
        server.quotas.uses.add(new QuotaUsage.Use(UUID.fromString(limitId), "requests", Scope.API_KEY, "other", BigDecimal.ONE,
                BigDecimal.valueOf(100), day, day.plusSeconds(60)));

        JsonNode all = http.get("/api/spend", A).json().get("data");
        assertThat(all).hasSize(3);
        JsonNode budget = all.get(0);
        assertThat(budget.get("kind").asText()).isEqualTo("budget");
        assertThat(budget.get("target").asText()).isEqualTo("*");
        assertThat(budget.get("member").asText()).isEqualTo(key);
        assertThat(budget.get("used").decimalValue()).isEqualByComparingTo("8.5");
        assertThat(budget.get("limit").decimalValue()).isEqualByComparingTo("10");
        assertThat(budget.get("usedRatio").asDouble()).isEqualTo(0.85);
        assertThat(budget.get("resetsAt").asText()).isEqualTo("2026-03-02T00:00:00Z");
        assertThat(budget.get("period").asText()).isEqualTo("day");
        assertThat(budget.get("thresholds").toString())
                .isEqualTo("[{\"percent\":50,\"crossed\":true},{\"percent\":80,\"crossed\":true},{\"percent\":100,\"crossed\":false}]");
        JsonNode limit = all.get(1);
        assertThat(limit.get("kind").asText()).isEqualTo("rate_limit");
        assertThat(limit.get("what").asText()).isEqualTo("requests");
        assertThat(limit.has("thresholds")).isFalse();

        assertThat(http.get("/api/spend?member=other", A).json().get("data")).hasSize(1);
        assertThat(http.get("/api/spend?scope=identity", A).json().get("data")).isEmpty();
        TestClient.Response bad = http.get("/api/spend?scope=team", A);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(paths(bad)).containsExactly("scope");

        JsonNode mine = http.get("/api/keys/" + key + "/quotas", A).json();
        assertThat(mine.get("rateLimits")).hasSize(1);
        assertThat(mine.get("budgets")).hasSize(1);
        assertThat(mine.get("use")).hasSize(2); // not the other key's
        assertThat(http.get("/api/keys/" + UUID.randomUUID() + "/quotas", A).status()).isEqualTo(404);

        String metrics = http.get("/metrics", A).body();
        String labels = "{scope=\"api_key\",target=\"*\",member=\"" + key + "\",period=\"day\"";
        assertThat(metrics).contains("junction_budget_used_ratio" + labels + "} 0.85\n");
        assertThat(metrics).contains("junction_budget_used_usd" + labels + "} 8.5\n");
        assertThat(metrics).contains("junction_budget_threshold_crossed" + labels + ",threshold=\"80\"} 1\n");
        assertThat(metrics).contains("junction_budget_threshold_crossed" + labels + ",threshold=\"100\"} 0\n");
        assertThat(metrics).contains("junction_rate_limit_used{scope=\"api_key\",target=\"*\",member=\"" + key + "\",limit=\"requests\"} 12\n");
        assertThat(metrics).contains("# TYPE junction_budget_threshold_crossed gauge\n");
    }
}
