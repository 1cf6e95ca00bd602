package dev.junction.engine.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the price table shipped in {@code catalog/models.json} (prices as {@link BigDecimal}, never doubles). Each
 * model lists its {@code capabilities} by name ({@link Capabilities#NAMES}; {@code []} for a text-only model): the
 * list is required, so a model added to the table without a thought about what it takes fails the build's tests.
 */
public final class PriceTableFile {
    public static final String RESOURCE = "/catalog/models.json";

    private PriceTableFile() {}

    /** The file as it is written: a permissive DTO, checked into {@link CatalogModel}s by {@link #read}. */
    record FileModel(String provider, String model, Integer contextWindow, Integer maxOutputTokens,
                     BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion,
                     List<String> capabilities) {}

    record FileTable(String version, String source, String currency, String unit, List<FileModel> models) {}

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The table shipped with this build. */
    public static PriceTable shipped() {
        try (InputStream in = PriceTableFile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the class path");
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    /** @throws IllegalArgumentException naming the first model that is incomplete or inconsistent */
    public static PriceTable read(InputStream in) throws IOException {
        FileTable table = JSON.readValue(in, FileTable.class);
        if (table.version() == null || table.version().isBlank()) throw new IllegalArgumentException("price table: version missing");
        if (table.models() == null) throw new IllegalArgumentException("price table: models missing");
        List<CatalogModel> models = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < table.models().size(); i++) {
            FileModel m = table.models().get(i);
            String path = "models[" + i + "]";
            var errors = ModelGarden.validate(m.provider(), m.model(), m.contextWindow(), m.maxOutputTokens(),
                    m.inputPerMillion(), m.outputPerMillion(), m.cachedInputPerMillion());
            if (!errors.isEmpty()) throw new IllegalArgumentException("price table " + path + ": " + errors.getFirst());
            if (!seen.add(m.provider() + "/" + m.model())) {
                throw new IllegalArgumentException("price table " + path + ": " + m.provider() + "/" + m.model() + " is listed twice");
            }
            if (m.capabilities() == null) {
                throw new IllegalArgumentException("price table " + path + ".capabilities: missing: list what "
                        + m.provider() + "/" + m.model() + " takes, of " + Capabilities.NAMES + " ([] for text only)");
            }
            Capabilities capabilities;
            try {
                capabilities = Capabilities.of(m.capabilities());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("price table " + path + ".capabilities: " + e.getMessage());
            }
            models.add(new CatalogModel(m.provider(), m.model(), m.contextWindow(), m.maxOutputTokens(),
                    m.inputPerMillion(), m.outputPerMillion(), m.cachedInputPerMillion(), false, capabilities));
        }
        return new PriceTable(table.version().strip(), table.source(), models);
    }
}
