package dev.junction.engine.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.DialectId;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import dev.junction.engine.routing.UserRegex;
import dev.junction.engine.support.Jackson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON Schema for tool parameters and {@code json_schema} response formats, on networknt's json-schema-validator:
 * {@link #problems} checks a schema at deploy (and a request's override) against its dialect's meta-schema and
 * compiles it; {@link #compile} gives the compiled form the invoke path validates answers with
 * ({@link Compiled#validate}), each schema compiled once and kept in a bounded cache (a version's schemas are compiled
 * when it is activated; a request's own are looked up by their text).
 * <p>Bounds, since schemas come from analysts and requests:
 * <ul>
 *   <li>Nothing is loaded from outside: a {@code $ref} or {@code $schema} to anything but the bundled meta-schemas
 *       (drafts 4, 6, 7, 2019-09, 2020-12, read from the library's jar) is refused when the schema is compiled, never
 *       fetched; refs inside the schema ({@code #/$defs/x}) work.</li>
 *   <li>A schema's JSON is at most {@value #MAX_SCHEMA_CHARS} characters (OpenAI's structured outputs allow about
 *       as much); at most {@value #MAX_CACHED} compiled schemas of at most {@value #MAX_CACHED_CHARS} characters in
 *       all are kept, the least recently used leaving first.</li>
 *   <li>{@code pattern} and {@code patternProperties} run on RE2/J ({@link UserRegex}: linear time, the same limits
 *       and refusals as a routing rule's regex), not {@code java.util.regex}, whose backtracking a crafted pattern and
 *       answer could turn into minutes; lookaround and backreferences are refused by name.</li>
 *   <li>{@code format} is an annotation, as the 2019-09 and 2020-12 drafts say: it does not fail an answer.</li>
 * </ul>
 * A schema without {@code $schema} is read as draft 2020-12. Messages are in English whatever the JVM's locale.
 */
public final class JsonSchemas {
    public static final int MAX_SCHEMA_CHARS = 100_000;
    public static final int MAX_CACHED = 512;
    public static final long MAX_CACHED_CHARS = 4_000_000;
    /** Errors a validation reports at most (the first ones: enough to say what is wrong). */
    public static final int MAX_ERRORS = 20;

    /** The dialects whose meta-schemas the library bundles; no other {@code $schema} is loaded. */
    private static final Map<String, String> DIALECTS = dialects(DialectId.DRAFT_4, DialectId.DRAFT_6,
            DialectId.DRAFT_7, DialectId.DRAFT_2019_09, DialectId.DRAFT_2020_12);

    private static final ObjectMapper JSON = Jackson.mapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .locale(Locale.ENGLISH)
                            .regularExpressionFactory(new Re2Patterns())
                            .build())
                    // Only the bundled meta-schemas (and their vocabularies) may be loaded; the loader maps them to
                    // the jar. Anything else ($ref or $schema to http, file, classpath...) is refused, never fetched.
                    .schemaLoader(l -> l.allow(iri -> bundled(iri.toString()))));

    /** Compiled schemas by their JSON text, in order of use; guarded by itself. */
    private static final LinkedHashMap<String, Compiled> CACHE = new LinkedHashMap<>(64, 0.75f, true);
    private static long cachedChars;

    private JsonSchemas() {}

    /** One way an instance breaks a schema: where ({@code $.items[0].name}) and what. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** A schema ready to validate with. Thread-safe. */
    public static final class Compiled {
        private final Schema schema;

        private Compiled(Schema schema) {
            this.schema = schema;
        }

        /**
         * The problems of the JSON text {@code json} against this schema (none: it is valid), at most
         * {@value #MAX_ERRORS}; text that is not JSON is one problem at {@code $}.
         */
        public List<Problem> validate(String json) {
            JsonNode node;
            try {
                node = JSON.readTree(json == null ? "" : json);
            } catch (JsonProcessingException e) {
                return List.of(new Problem("$", "not JSON (" + where(e) + ")"));
            }
            if (node == null || node.isMissingNode()) return List.of(new Problem("$", "not JSON: empty"));
            return validate(node);
        }

        public List<Problem> validate(JsonNode node) {
            List<Problem> out = new ArrayList<>();
            for (Error e : schema.validate(node)) {
                if (out.size() == MAX_ERRORS) break;
                out.add(new Problem("$" + path(e.getInstanceLocation()), message(e)));
            }
            return out;
        }
    }

    /**
     * The compiled schema, from the cache when the same schema was compiled before.
     *
     * @throws IllegalArgumentException the schema is not one Junction can use (as {@link #problems} would say)
     */
    public static Compiled compile(Map<String, Object> schema) {
        String key = text(schema);
        Compiled hit = cached(key);
        if (hit != null) return hit;
        List<FieldError> problems = new ArrayList<>();
        Compiled compiled = compile("$", key, problems);
        if (compiled == null) throw new IllegalArgumentException(problems.getFirst().toString());
        cache(key, compiled);
        return compiled;
    }

    /**
     * Every problem of {@code schema} as a JSON Schema, each under {@code path}: not valid against its dialect's
     * meta-schema ({@code path.properties.x.type: ...}), too large, an unknown {@code $schema}, a {@code $ref} that
     * does not resolve inside it or points outside, a pattern RE2 cannot run. None: {@link #compile} will take it.
     */
    public static List<FieldError> problems(String path, Map<String, Object> schema) {
        List<FieldError> errors = new ArrayList<>();
        String text = text(schema);
        if (cached(text) != null) return errors;
        Compiled compiled = compile(path, text, errors);
        if (compiled != null) cache(text, compiled);
        return errors;
    }

    private static Compiled cached(String text) {
        synchronized (CACHE) {
            return CACHE.get(text);
        }
    }

    private static void cache(String text, Compiled compiled) {
        synchronized (CACHE) {
            if (CACHE.put(text, compiled) == null) cachedChars += text.length();
            var eldest = CACHE.entrySet().iterator();
            while (CACHE.size() > 1 && (CACHE.size() > MAX_CACHED || cachedChars > MAX_CACHED_CHARS)) {
                cachedChars -= eldest.next().getKey().length();
                eldest.remove();
            }
        }
    }

    /** How many schemas are cached, and their characters in all: for tests. */
    static long[] cacheSize() {
        synchronized (CACHE) {
            return new long[] {CACHE.size(), cachedChars};
        }
    }

    private static Compiled compile(String path, String text, List<FieldError> errors) {
        if (text.length() > MAX_SCHEMA_CHARS) {
            errors.add(new FieldError(path, "a JSON Schema of at most " + MAX_SCHEMA_CHARS + " characters (this one: "
                    + text.length() + ")"));
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            errors.add(new FieldError(path, "not JSON: " + e.getOriginalMessage()));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be a JSON Schema object"));
            return null;
        }
        String dialect = DialectId.DRAFT_2020_12;
        JsonNode declared = node.get("$schema");
        if (declared != null) {
            dialect = declared.isTextual() ? DIALECTS.get(normalise(declared.asText())) : null;
            if (dialect == null) {
                errors.add(new FieldError(path + ".$schema", "must be one of the JSON Schema drafts "
                        + String.join(", ", DIALECTS.values().stream().sorted().toList()) + " (no other meta-schema is loaded)"));
                return null;
            }
        }
        int before = errors.size();
        // With format assertions, the meta-schema's "format": "regex" (pattern, patternProperties) runs our RE2
        // vetting: a refused pattern is an error at its path, and the library never logs a failed compile.
        for (Error e : REGISTRY.getSchema(SchemaLocation.of(dialect)).validate(node,
                context -> context.executionConfig(c -> c.formatAssertionsEnabled(true)))) {
            if (errors.size() - before == MAX_ERRORS) break;
            errors.add(new FieldError(path + path(e.getInstanceLocation()), metaMessage(e)));
        }
        if (errors.size() > before) return null;
        try {
            Schema schema = REGISTRY.getSchema(node);
            schema.initializeValidators(); // resolves every $ref now: the library's own preload swallows failures
            return new Compiled(schema);
        } catch (RuntimeException e) {
            errors.add(new FieldError(path, "not a usable JSON Schema: " + describe(e)));
            return null;
        }
    }

    /**
     * Where a text stopped being JSON ({@code line 1, column 7}), without Jackson's message, which quotes the text:
     * a model's answer does not go into a failure message.
     */
    public static String where(JsonProcessingException e) {
        var at = e.getLocation();
        if (at == null) return "cut short";
        return e.getClass().getSimpleName().contains("EOF") || e.getOriginalMessage().startsWith("Unexpected end-of-input")
                ? "cut short at line " + at.getLineNr() + ", column " + at.getColumnNr()
                : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The schema's JSON text: the cache's key. */
    private static String text(Map<String, Object> schema) {
        try {
            return JSON.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a JSON Schema must be JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> dialects(String... ids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ids) out.put(normalise(id), id);
        return Map.copyOf(out);
    }

    /** Drafts are named with or without the empty fragment: {@code http://json-schema.org/draft-07/schema#}. */
    private static String normalise(String dialect) {
        return dialect.endsWith("#") ? dialect.substring(0, dialect.length() - 1) : dialect;
    }

    private static boolean bundled(String iri) {
        return iri.startsWith("https://json-schema.org/draft/2020-12/") || iri.startsWith("https://json-schema.org/draft/2019-09/")
                || iri.startsWith("http://json-schema.org/draft-07/schema") || iri.startsWith("http://json-schema.org/draft-06/schema")
                || iri.startsWith("http://json-schema.org/draft-04/schema");
    }

    /** {@code .properties.x.type}, {@code [1]}: a location as a suffix to a path ("" for the root). */
    static String path(NodePath location) {
        StringBuilder b = new StringBuilder();
        if (location == null) return "";
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) b.append('[').append(index).append(']');
            else if (element.toString().matches("[A-Za-z_$][A-Za-z0-9_$-]*")) b.append('.').append(element);
            else b.append("[\"").append(element.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
        }
        return b.toString();
    }

    /** The library's message without the location it starts with (the path says it). */
    private static String message(Error e) {
        String m = e.getMessage();
        return m == null ? String.valueOf(e) : m;
    }

    /** A pattern RE2 refuses says why, not only that it is not a regex. */
    private static String metaMessage(Error e) {
        String m = message(e);
        if (m.contains("ECMA-262")) { // the meta-schema's "format": "regex", on a pattern or a patternProperties name
            String pattern = e.getInstanceNode() != null && e.getInstanceNode().isTextual() ? e.getInstanceNode().asText()
                    : e.getProperty();
            if (pattern == null) return m;
            try {
                new Re2Patterns().getRegularExpression(pattern);
            } catch (IllegalArgumentException refused) {
                return refused.getMessage();
            }
        }
        return m;
    }

    private static String describe(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof RuntimeException
                && t.getCause() instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * JSON Schema's {@code pattern} is a search (it holds when it matches anywhere in the string), run by RE2/J. The
     * pattern is first vetted by {@link UserRegex} (the syntax, the constructs RE2 cannot run or reads otherwise, the
     * compiled size, so a counted repetition cannot blow the compile up), which fails the schema's compilation with
     * the reason; RE2's {@code $} is ECMA 262's (the end of the string).
     */
    private static final class Re2Patterns implements RegularExpressionFactory {
        @Override
        public RegularExpression getRegularExpression(String regex) {
            UserRegex vetted = UserRegex.of(regex);
            if (vetted.problem() != null) throw new IllegalArgumentException("pattern \"" + regex + "\": " + vetted.problem());
            com.google.re2j.Pattern pattern = com.google.re2j.Pattern.compile(regex);
            return value -> pattern.matcher(value).find();
        }
    }
}
