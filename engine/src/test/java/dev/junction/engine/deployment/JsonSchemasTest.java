package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Object> schema(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final Map<String, Object> PERSON = schema("""
            {"type": "object", "required": ["name", "age"], "additionalProperties": false,
             "properties": {"name": {"type": "string"}, "age": {"type": "integer", "minimum": 0},
                            "tags": {"type": "array", "items": {"type": "string"}}}}""");

    @Test
    void validJsonPasses() {
        assertThat(JsonSchemas.compile(PERSON).validate("{\"name\": \"Ada\", \"age\": 36, \"tags\": [\"x\"]}")).isEmpty();
    }

    @Test
    void invalidJsonNamesTheJsonPathOfEachProblem() {
        List<JsonSchemas.Problem> problems = JsonSchemas.compile(PERSON)
                .validate("{\"name\": 7, \"age\": -1, \"tags\": [\"ok\", 3], \"extra\": true}");
        assertThat(problems).extracting(JsonSchemas.Problem::path)
                .contains("$.name", "$.age", "$.tags[1]", "$");
        assertThat(problems.toString()).contains("string").contains("extra");
    }

    @Test
    void textThatIsNotJsonIsOneProblemAtTheRoot() {
        assertThat(JsonSchemas.compile(PERSON).validate("{\"name\": \"Ada\", ")).singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("$");
                    assertThat(p.message()).startsWith("not JSON");
                });
        assertThat(JsonSchemas.compile(PERSON).validate("{\"name\": \"Ada\", \"age\": 1} trailing")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not JSON"));
        assertThat(JsonSchemas.compile(PERSON).validate("")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not JSON"));
    }

    @Test
    void compilingTheSameSchemaTwiceUsesTheCache() {
        assertThat(JsonSchemas.compile(schema("{\"type\": \"object\", \"title\": \"cached\"}")))
                .isSameAs(JsonSchemas.compile(schema("{\"type\": \"object\", \"title\": \"cached\"}")));
    }

    @Test
    void aSchemaThatBreaksTheMetaSchemaIsRefusedWithThePathOfTheMistake() {
        List<FieldError> errors = JsonSchemas.problems("tools[1].parameters", schema("""
                {"type": "object", "properties": {"x": {"type": "strin"}, "y": {"minLength": -2}}}"""));
        assertThat(errors).extracting(FieldError::path)
                .contains("tools[1].parameters.properties.x.type", "tools[1].parameters.properties.y.minLength");
        assertThatThrownBy(() -> JsonSchemas.compile(schema("{\"type\": \"strin\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.type");
    }

    @Test
    void aDeclaredOlderDraftIsCheckedAgainstItsOwnMetaSchema() {
        assertThat(JsonSchemas.problems("s", schema("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                 "definitions": {"n": {"type": "number"}}, "properties": {"a": {"$ref": "#/definitions/n"}}}""")))
                .isEmpty();
        assertThat(JsonSchemas.compile(schema("""
                {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                 "definitions": {"n": {"type": "number"}}, "properties": {"a": {"$ref": "#/definitions/n"}}}"""))
                .validate("{\"a\": \"x\"}")).extracting(JsonSchemas.Problem::path).containsExactly("$.a");
    }

    @Test
    void localRefsResolve() {
        JsonSchemas.Compiled c = JsonSchemas.compile(schema("""
                {"type": "object", "$defs": {"id": {"type": "string", "pattern": "^[a-z]+$"}},
                 "properties": {"id": {"$ref": "#/$defs/id"}}}"""));
        assertThat(c.validate("{\"id\": \"abc\"}")).isEmpty();
        assertThat(c.validate("{\"id\": \"ABC\"}")).extracting(JsonSchemas.Problem::path).containsExactly("$.id");
    }

    @Test
    void aRefThatResolvesNowhereIsRefused() {
        assertThat(JsonSchemas.problems("p", schema("{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"#/$defs/none\"}}}")))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("p");
                    assertThat(e.message()).startsWith("not a usable JSON Schema");
                });
    }

    /** A schema that points at a server: refused, and the server never hears from us. */
    @Test
    void remoteRefsAndDialectsAreRefusedNeverFetched() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "{\"type\": \"string\"}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/schema+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<FieldError> byRef = JsonSchemas.problems("p", schema(
                    "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \"" + base + "/name.json\"}}}"));
            assertThat(byRef).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("p");
                assertThat(e.message()).contains("not a usable JSON Schema").contains("not allowed");
            });
            assertThat(JsonSchemas.problems("p", schema("{\"$ref\": \"" + base + "/whole.json\"}"))).isNotEmpty();
            assertThat(JsonSchemas.problems("p", schema("{\"$schema\": \"" + base + "/dialect\", \"type\": \"object\"}")))
                    .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("p.$schema"));
            assertThat(JsonSchemas.problems("p", schema("{\"$ref\": \"classpath:logback-test.xml\"}"))).isNotEmpty();
            assertThat(JsonSchemas.problems("p", schema("{\"$ref\": \"file:///etc/passwd\"}"))).isNotEmpty();
            assertThat(hits).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void patternsRunOnRe2AsASearch() {
        JsonSchemas.Compiled c = JsonSchemas.compile(schema("{\"type\": \"string\", \"pattern\": \"b+c\"}"));
        assertThat(c.validate("\"aabbcd\"")).isEmpty(); // anywhere in the string, as JSON Schema says
        assertThat(c.validate("\"ac\"")).hasSize(1);
        JsonSchemas.Compiled anchored = JsonSchemas.compile(schema("{\"type\": \"string\", \"pattern\": \"^a$\"}"));
        assertThat(anchored.validate("\"a\"")).isEmpty();
        assertThat(anchored.validate("\"ab\"")).hasSize(1);
        // catastrophic for a backtracking engine: linear here
        JsonSchemas.Compiled evil = JsonSchemas.compile(schema("{\"type\": \"string\", \"pattern\": \"^(a+)+$\"}"));
        long start = System.nanoTime();
        assertThat(evil.validate("\"" + "a".repeat(5000) + "!\"")).hasSize(1);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void patternsRe2CannotRunAreRefusedByNameAtTheirPath() {
        assertThat(JsonSchemas.problems("p", schema("{\"type\": \"string\", \"pattern\": \"(?=a)b\"}")))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("p.pattern");
                    assertThat(e.message()).contains("(?=a)b").contains("lookahead");
                });
        assertThat(JsonSchemas.problems("p", schema("{\"type\": \"object\", \"properties\": {\"a\": {\"pattern\": \"a)(b\"}}}")))
                .singleElement().satisfies(e -> {
                    assertThat(e.path()).isEqualTo("p.properties.a.pattern");
                    assertThat(e.message()).contains("not a valid regular expression");
                });
        assertThat(JsonSchemas.problems("p", schema("{\"type\": \"object\", \"patternProperties\": {\"(?<=x)y\": {}}}")))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("lookbehind"));
    }

    @Test
    void oversizedSchemasAreRefused() {
        String big = "{\"type\": \"object\", \"description\": \"" + "x".repeat(JsonSchemas.MAX_SCHEMA_CHARS) + "\"}";
        assertThat(JsonSchemas.problems("p", schema(big))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("at most " + JsonSchemas.MAX_SCHEMA_CHARS));
    }

    @Test
    void theCacheStaysWithinItsBounds() {
        String padding = "x".repeat(90_000);
        for (int i = 0; i < 60; i++) {
            JsonSchemas.compile(schema("{\"type\": \"object\", \"title\": \"" + i + "\", \"description\": \"" + padding + "\"}"));
        }
        for (int i = 0; i < JsonSchemas.MAX_CACHED + 10; i++) {
            JsonSchemas.compile(schema("{\"type\": \"object\", \"title\": \"small " + i + "\"}"));
            long[] size = JsonSchemas.cacheSize();
            assertThat(size[0]).isLessThanOrEqualTo(JsonSchemas.MAX_CACHED);
            assertThat(size[1]).isLessThanOrEqualTo(JsonSchemas.MAX_CACHED_CHARS);
        }
        assertThat(JsonSchemas.cacheSize()[0]).isEqualTo(JsonSchemas.MAX_CACHED);
    }
}
