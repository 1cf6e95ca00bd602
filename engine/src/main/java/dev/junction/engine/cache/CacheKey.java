package dev.junction.engine.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.support.Jackson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The key of a cached answer: the SHA-256 (hex) of one canonical JSON document (object members and map entries in
 * name order, nulls left out) holding what decides the answer:
 * <pre>{"deployment": key, "format": 1,
 *  "messages": [the rendered messages: the variant's prompt with its inputs filled in, and the caller's],
 *  "options": [{"provider", "model", "parameters": the model's parameters with the request's overrides}, ...]}</pre>
 * Every option of the variant counts (primary, then fallback), since either may answer. The variant's key, the
 * deployment version, retries and routing are not in it: a deploy that changes only routing, or renames a variant,
 * keeps the hits; a change of prompt, model, parameter, tool or response format misses.
 */
public final class CacheKey {
    /** Bumped when the document's form changes, so that old keys simply miss. */
    static final int FORMAT = 1;

    private static final ObjectMapper CANONICAL = Jackson.mapper()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private CacheKey() {}

    /** One option as keyed: where it goes and the parameters it is sent with. */
    private record Option(String provider, String model, ModelParameters parameters) {}

    private record Document(String deployment, int format, List<PromptMessage> messages, List<Option> options) {}

    public static String of(String deploymentKey, List<ModelConfig> options, ModelParameters overrides,
                            List<PromptMessage> messages) {
        List<Option> effective = options.stream()
                .map(o -> new Option(o.provider(), o.model(), o.parameters().overriddenBy(overrides))).toList();
        MessageDigest sha = sha256();
        try (OutputStream out = new DigestSink(sha); JsonGenerator g = CANONICAL.createGenerator(out)) {
            CANONICAL.writeValue(g, new Document(deploymentKey, FORMAT, messages, effective));
        } catch (IOException e) {
            throw new UncheckedIOException("a cache key's document did not serialize", e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Feeds the digest without keeping the bytes. */
    private static final class DigestSink extends OutputStream {
        private final MessageDigest sha;

        DigestSink(MessageDigest sha) {
            this.sha = sha;
        }

        @Override
        public void write(int b) {
            sha.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sha.update(b, off, len);
        }
    }
}
