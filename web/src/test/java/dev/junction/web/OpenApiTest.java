package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.store.TestDatabase;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /openapi.json} describes every endpoint the gateway really serves, and nothing else: the documented
 * (method, path) pairs are compared with the endpoints registered in the running server's Javalin router, so a route
 * added, removed or renamed without touching the document fails here.
 */
class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");

    @TempDir
    static Path dataDir;
    static Gateway gateway;
    static TestClient client;
    static JsonNode doc;

    @BeforeAll
    static void start() {
        gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, TestDatabase.fresh().jdbcUrl(), "admin", null, null),
                Clock.systemUTC());
        client = new TestClient(gateway.port());
        TestClient.Response r = client.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        doc = r.json();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    @Test
    void is_served_without_auth_as_openapi_3_1() {
        assertThat(doc.path("openapi").asText()).matches("3\\.1\\.\\d+");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Junction");
        assertThat(doc.at("/info/version").asText()).isNotBlank();
        assertThat(doc.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/components/securitySchemes/adminToken/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void documents_exactly_the_routes_the_server_registered() {
        Set<String> registered = new TreeSet<>();
        for (ParsedEndpoint parsed : gateway.http().unsafe.internalRouter.allHttpHandlers()) {
            Endpoint e = parsed.endpoint;
            if (!e.method.isHttpMethod()) continue; // before/after filters (the /api/* admin check) are not endpoints
            if (e.path.equals("/") || e.path.equals("/panel") || e.path.startsWith("/panel/")) continue; // the browser UI (PanelRoutes), not an API
            if (e.path.startsWith("/auth/oidc/")) continue; // browser sign-in redirects (OidcRoutes), not an API
            registered.add(e.method.name().toUpperCase(Locale.ROOT) + " " + e.path.replaceAll("<([^>]+)>", "{$1}"));
        }
        assertThat(registered).contains("GET /health", "GET /openapi.json", "POST /v2/deployments/invoke");
        assertThat(documented()).isEqualTo(registered);
    }

    @Test
    void every_operation_has_a_success_response_and_the_right_security() {
        doc.path("paths").properties().forEach(path -> operations(path.getValue()).forEach((method, op) -> {
            String where = method.toUpperCase(Locale.ROOT) + " " + path.getKey();
            List<String> statuses = new ArrayList<>();
            op.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(where + " responses").anyMatch(s -> s.matches("2\\d\\d"));
            List<String> schemes = new ArrayList<>();
            op.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            if (path.getKey().startsWith("/api/")) {
                assertThat(schemes).as(where + " security").containsExactly("adminToken");
                assertThat(statuses).as(where + " responses").contains("401");
            } else if (path.getKey().startsWith("/v2/") || path.getKey().startsWith("/v1/")) {
                assertThat(schemes).as(where + " security").containsExactly("apiKey");
                assertThat(statuses).as(where + " responses").contains("401");
            } else if (path.getKey().equals("/metrics")) {
                assertThat(schemes).as(where + " security").containsExactly("adminToken");
                assertThat(statuses).as(where + " responses").contains("401");
            } else {
                assertThat(op.has("security") && schemes.isEmpty()).as(where + " is open: security []").isTrue();
            }
        }));
    }

    @Test
    void every_path_parameter_is_declared_and_every_ref_resolves() {
        doc.path("paths").properties().forEach(path -> operations(path.getValue()).forEach((method, op) -> {
            Set<String> declared = new TreeSet<>();
            for (JsonNode p : List.of(path.getValue().path("parameters"), op.path("parameters"))) {
                p.forEach(param -> {
                    JsonNode resolved = resolve(param);
                    if (resolved.path("in").asText().equals("path")) declared.add(resolved.path("name").asText());
                });
            }
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_PARAM.matcher(path.getKey());
            while (m.find()) inPath.add(m.group(1));
            assertThat(declared).as(method + " " + path.getKey() + " path parameters").isEqualTo(inPath);
        }));
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/");
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        });
    }

    private static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> operations(path.getValue()).keySet()
                .forEach(method -> out.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return out;
    }

    private static Map<String, JsonNode> operations(JsonNode pathItem) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        pathItem.properties().forEach(e -> {
            if (METHODS.contains(e.getKey())) out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? doc.at(node.get("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref") && e.getValue().isTextual()) out.add(e.getValue().asText());
                else collectRefs(e.getValue(), out);
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, out));
        }
    }
}
