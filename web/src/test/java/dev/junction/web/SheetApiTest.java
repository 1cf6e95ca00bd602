package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deployment's routing table as a spreadsheet through the panel API, on a live gateway with its embedded
 * PostgreSQL: export CSV and XLSX, import them back unchanged, edit a cell, and the errors of a bad sheet.
 */
class SheetApiTest {
    static final String ADMIN = "sheet-admin";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static String spec(String key) {
        return """
            {"key":"%s","description":"sheets",
             "contextSchema":[{"name":"tier","type":"string"},{"name":"score","type":"number"},{"name":"beta","type":"boolean"},
                              {"name":"tags","type":"list"},{"name":"signup","type":"date"},{"name":"user_id","type":"string"}],
             "variants":[
               {"key":"standard","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hi"},"primary":{"provider":"simulator","model":"echo"}},
               {"key":"premium","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hi"},"primary":{"provider":"simulator","model":"echo"}},
               {"key":"b","messages":[{"role":"user","content":"{{q}}"}],"variables":{"q":"hi"},"primary":{"provider":"simulator","model":"echo"}}],
             "routing":{"rules":[
               {"id":"gold","when":[{"field":"tier","op":"in","values":["gold","=HYPERLINK(\\"x\\")","a,b"]},{"field":"score","op":"gt","value":10}],
                "variant":"premium","description":"Gold, first\\nline two"},
               {"id":"ab","when":[{"field":"beta","op":"is","value":true},{"field":"signup","op":"after","value":"2026-01-01"}],
                "split":[{"variant":"premium","percent":30},{"variant":"b","percent":70}],"stickyOn":"user_id"},
               {"id":"off","when":[{"field":"tags","op":"contains_any","values":["x","y"]},{"field":"score","op":"between","values":[-5,2.5]}],
                "variant":"b","enabled":false,"description":"=SUM(1+1)"},
               {"id":"nobody","when":[{"field":"user_id","op":"absent"}],"variant":"standard","description":"-1 @ =cmd"}],
              "defaultVariant":"standard"}}
            """.formatted(key);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(live.client().base() + path)).header("Authorization", "Bearer " + ADMIN).GET());
    }

    HttpResponse<byte[]> put(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(live.client().base() + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(r.body(), StandardCharsets.UTF_8), e);
        }
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    JsonNode create(String key) {
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec(key));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("draft");
    }

    @Test
    void the_routing_table_goes_out_as_csv_and_xlsx_and_comes_back_unchanged() {
        JsonNode draft = create("sheet-trip");
        JsonNode routing = draft.at("/spec/routing");
        int revision = draft.get("revision").asInt();

        HttpResponse<byte[]> csv = get("/api/deployments/sheet-trip/routing.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo("attachment; filename=\"sheet-trip-routing.csv\"");
        assertThat(text(csv)).contains("RuleTable routing", "Default variant,standard", ",'=SUM(1+1),", "\"\"\"premium:30, b:70 by user_id\"\"\"")
                .contains("'-1 @ =cmd");

        HttpResponse<byte[]> back = put("/api/deployments/sheet-trip/draft/routing?revision=" + revision, "text/csv", csv.body());
        assertThat(back.statusCode()).as(text(back)).isEqualTo(200);
        assertThat(json(back).get("revision").asInt()).isEqualTo(revision + 1);
        assertThat(json(back).at("/spec/routing")).isEqualTo(routing);

        HttpResponse<byte[]> xlsx = get("/api/deployments/sheet-trip/routing.xlsx");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow()).isEqualTo(XLSX);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo("attachment; filename=\"sheet-trip-routing.xlsx\"");
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.ISO_8859_1)).isEqualTo("PK");
        HttpResponse<byte[]> backAgain = put("/api/deployments/sheet-trip/draft/routing?revision=" + (revision + 1), XLSX, xlsx.body());
        assertThat(backAgain.statusCode()).as(text(backAgain)).isEqualTo(200);
        assertThat(json(backAgain).at("/spec/routing")).isEqualTo(routing);
        assertThat(live.client().get("/api/deployments/sheet-trip/draft", ADMIN).json().at("/spec/routing")).isEqualTo(routing);
    }

    @Test
    void an_imported_sheet_changes_only_the_routing_the_rest_of_the_spec_is_kept() {
        TestClient.Response created = live.client().post("/api/deployments", ADMIN,
                spec("sheet-private").replaceFirst("\"description\":\"sheets\",", "\"description\":\"sheets\",\"logBodies\":false,"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int revision = created.json().at("/draft/revision").asInt();
        assertThat(created.json().at("/draft/spec/logBodies").asBoolean(true)).isFalse();

        HttpResponse<byte[]> r = put("/api/deployments/sheet-private/draft/routing?revision=" + revision, "text/csv",
                get("/api/deployments/sheet-private/routing.csv").body());

        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(json(r).at("/spec/logBodies").asBoolean(true)).as("prompts and answers stay out of the log").isFalse();
        assertThat(json(r).at("/spec/description").asText()).isEqualTo("sheets");
    }

    @Test
    void an_edited_sheet_replaces_the_draft_routing_and_default_variant() {
        int revision = create("sheet-edit").get("revision").asInt();
        String csv = text(get("/api/deployments/sheet-edit/routing.csv"))
                .replace("Default variant,standard", "Default variant,b")
                .replace("\"\"\"premium\"\"\"", "premium, b");
        HttpResponse<byte[]> r = put("/api/deployments/sheet-edit/draft/routing?revision=" + revision, "text/csv; charset=utf-8",
                csv.replace("premium, b", "\"\"\"b\"\"\"").getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        JsonNode routing = json(r).at("/spec/routing");
        assertThat(routing.get("defaultVariant").asText()).isEqualTo("b");
        assertThat(routing.at("/rules/0/variant").asText()).isEqualTo("b");
        assertThat(routing.at("/rules/1/split/1/percent").asInt()).isEqualTo(70);
    }

    @Test
    void a_version_is_exported_by_number_and_unknown_ones_are_refused() {
        create("sheet-versions");
        assertThat(live.client().post("/api/deployments/sheet-versions/deploy", ADMIN, "{}").status()).isEqualTo(201);
        HttpResponse<byte[]> v1 = get("/api/deployments/sheet-versions/routing.csv?version=1");
        assertThat(v1.statusCode()).isEqualTo(200);
        assertThat(v1.headers().firstValue("Content-Disposition").orElseThrow()).contains("sheet-versions-1-routing.csv");
        assertThat(get("/api/deployments/sheet-versions/routing.xlsx?version=active").statusCode()).isEqualTo(200);
        assertThat(get("/api/deployments/sheet-versions/routing.csv?version=9").statusCode()).isEqualTo(404);
        assertThat(get("/api/deployments/sheet-versions/routing.csv?version=latest").statusCode()).isEqualTo(400);
        assertThat(get("/api/deployments/no-such/routing.csv").statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(live.client().base() + "/api/deployments/sheet-versions/routing.csv")).GET())
                .statusCode()).as("admin token required").isEqualTo(401);
    }

    @Test
    void a_bad_sheet_is_refused_with_the_cells_at_fault_and_the_draft_is_left_as_it_was() {
        JsonNode draft = create("sheet-errors");
        int revision = draft.get("revision").asInt();
        String csv = text(get("/api/deployments/sheet-errors/routing.csv"));
        String path = "/api/deployments/sheet-errors/draft/routing?revision=" + revision;

        HttpResponse<byte[]> badOperator = put(path, "text/csv", csv.replace(",tier in,", ",tier within,").getBytes(StandardCharsets.UTF_8));
        assertThat(badOperator.statusCode()).isEqualTo(422);
        assertThat(json(badOperator).at("/errors/0/path").asText()).isEqualTo("routing!D12");
        assertThat(json(badOperator).at("/errors/0/message").asText()).contains("tier within", "unknown operator 'within'");

        HttpResponse<byte[]> badNumber = put(path, "text/csv", csv.replace(",10,", ",ten,").getBytes(StandardCharsets.UTF_8));
        assertThat(badNumber.statusCode()).isEqualTo(422);
        assertThat(json(badNumber).at("/errors/0/path").asText()).isEqualTo("routing!E13");
        assertThat(json(badNumber).at("/errors/0/message").asText()).isEqualTo("column \"score gt\": expected a number, got \"ten\"");

        HttpResponse<byte[]> unknownVariant = put(path, "text/csv",
                csv.replace("\"\"\"premium\"\"\"", "\"\"\"platinum\"\"\"").getBytes(StandardCharsets.UTF_8));
        assertThat(unknownVariant.statusCode()).isEqualTo(422);
        JsonNode error = json(unknownVariant).at("/errors/0");
        assertThat(error.get("path").asText()).matches("routing![A-Z]+13");
        assertThat(error.get("message").asText()).isEqualTo("column \"variant\": must name one of the variants (or give a split) (routing.rules[0].variant)");

        HttpResponse<byte[]> stale = put("/api/deployments/sheet-errors/draft/routing?revision=" + (revision + 5), "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("current_revision").asInt()).isEqualTo(revision);

        HttpResponse<byte[]> wrongType = put(path, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(json(wrongType).get("message").asText()).contains("text/csv");

        assertThat(put(path, XLSX, "not a workbook".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(422);
        assertThat(put("/api/deployments/sheet-errors/draft/routing", "text/csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode())
                .as("revision required").isEqualTo(422);
        assertThat(put("/api/deployments/no-such/draft/routing?revision=1", "text/csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(404);

        JsonNode after = live.client().get("/api/deployments/sheet-errors/draft", ADMIN).json();
        assertThat(after.get("revision").asInt()).isEqualTo(revision);
        assertThat(after.at("/spec/routing")).isEqualTo(draft.at("/spec/routing"));
    }

    @Test
    void a_pattern_the_linear_time_engine_refuses_is_refused_naming_its_cell_and_in_a_saved_draft() {
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec("sheet-regex")
                .replace("{\"field\":\"user_id\",\"op\":\"absent\"}", "{\"field\":\"user_id\",\"op\":\"matches\",\"value\":\"u-[0-9]+\"}"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        int revision = created.json().at("/draft/revision").asInt();
        String csv = text(get("/api/deployments/sheet-regex/routing.csv"));
        assertThat(csv).contains("u-[0-9]+");

        HttpResponse<byte[]> lookahead = put("/api/deployments/sheet-regex/draft/routing?revision=" + revision, "text/csv",
                csv.replace("u-[0-9]+", "(?=u)u.*").getBytes(StandardCharsets.UTF_8));

        assertThat(lookahead.statusCode()).as(text(lookahead)).isEqualTo(422);
        JsonNode error = json(lookahead).at("/errors/0");
        assertThat(error.get("path").asText()).matches("routing![A-Z]+16");
        assertThat(error.get("message").asText()).endsWith(": regex not supported: lookahead (?=...) (routing.rules[3].when[0].value)");

        JsonNode draft = live.client().get("/api/deployments/sheet-regex/draft", ADMIN).json();
        TestClient.Response saved = live.client().put("/api/deployments/sheet-regex/draft", ADMIN, "{\"revision\":" + revision
                + ",\"spec\":" + draft.get("spec").toString().replace("u-[0-9]+", "(a|b)\\\\1") + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(422);
        assertThat(saved.json().at("/errors/0/path").asText()).isEqualTo("routing.rules[3].when[0].value");
        assertThat(saved.json().at("/errors/0/message").asText()).isEqualTo("regex not supported: backreference \\1");
    }
}
