package dev.junction.engine.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one JSON form of a deployment spec: how versions are stored, exported and hashed.
 * Unknown fields are refused, so a typo in a document is an error rather than a silently ignored setting.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private SpecJson() {}

    public static String write(DeploymentSpec spec) {
        try {
            return MAPPER.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a deployment spec could not be written as JSON", e);
        }
    }

    /** @throws JsonProcessingException when the text is not a deployment spec */
    public static DeploymentSpec read(String json) throws JsonProcessingException {
        return MAPPER.readValue(json, DeploymentSpec.class);
    }

    /** SHA-256 of the canonical JSON (properties and map keys sorted): equal specs, equal hashes. */
    public static String contentHash(DeploymentSpec spec) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(spec).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
