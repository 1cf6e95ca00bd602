package dev.junction.engine.catalog;

import dev.junction.engine.deployment.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The model garden: the stored models, and the in-memory catalog that validation and the invoke path read.
 * Every change goes to the store first, then to the catalog.
 */
public final class ModelGarden {
    public static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Model ids as vendors spell them ({@code gpt-4.1-mini}, {@code claude-sonnet-4-5}, {@code llama3:8b}); no '/'. */
    public static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}");

    private final ModelStore store;
    private final InMemoryModelCatalog catalog;

    public ModelGarden(ModelStore store, InMemoryModelCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** Seeds the store with the price table and the built-in models, then loads every stored model into the catalog. */
    public void load(PriceTable table, List<CatalogModel> builtIn) {
        store.seed(table, builtIn);
        store.all().forEach(catalog::put);
    }

    /** Re-reads every stored model into the catalog, after another instance changed one. */
    public void reload() {
        store.all().forEach(catalog::put);
    }

    public List<GardenModel> list(String provider, Boolean active) {
        return store.all().stream()
                .filter(m -> provider == null || m.model().provider().equals(provider))
                .filter(m -> active == null || m.model().active() == active)
                .sorted(Comparator.comparing((GardenModel m) -> m.model().provider()).thenComparing(m -> m.model().model()))
                .toList();
    }

    public Optional<GardenModel> find(String provider, String model) {
        return store.find(provider, model);
    }

    /**
     * Creates a custom model (inactive) or edits one's limits, prices and capabilities; a null field of an existing
     * model keeps its value. {@code cachedInput} is optional: a model without one bills cached prompt tokens at the
     * input price. {@code capabilities} names the capabilities to set ({@link Capabilities#NAMES}); those it does not
     * name keep their value (a new model starts with all of them, as a model nobody described). Errors name the
     * field: {@code contextWindow}, {@code maxOutputTokens}, {@code inputPerMillion}, {@code capabilities.vision}...
     */
    public Result save(String provider, String model, Integer contextWindow, Integer maxOutputTokens,
                       BigDecimal input, BigDecimal output, BigDecimal cachedInput, Map<String, Boolean> capabilities) {
        Optional<GardenModel> existing = store.find(provider, model);
        Capabilities caps = existing.map(m -> m.model().capabilities()).orElse(Capabilities.ALL);
        if (existing.isPresent()) {
            CatalogModel e = existing.get().model();
            contextWindow = contextWindow == null ? Integer.valueOf(e.contextWindow()) : contextWindow;
            maxOutputTokens = maxOutputTokens == null ? Integer.valueOf(e.maxOutputTokens()) : maxOutputTokens;
            input = input == null ? e.inputPerMillion() : input;
            output = output == null ? e.outputPerMillion() : output;
            cachedInput = cachedInput == null ? e.cachedInputPerMillion() : cachedInput;
        }
        List<FieldError> errors = validate(provider, model, contextWindow, maxOutputTokens, input, output, cachedInput);
        if (capabilities != null) {
            for (Map.Entry<String, Boolean> c : new TreeMap<>(capabilities).entrySet()) {
                if (!Capabilities.NAMES.contains(c.getKey())) {
                    errors.add(new FieldError("capabilities." + c.getKey(), "unknown capability: one of " + Capabilities.NAMES));
                } else if (c.getValue() == null) {
                    errors.add(new FieldError("capabilities." + c.getKey(), "must be true or false"));
                } else {
                    caps = caps.with(c.getKey(), c.getValue());
                }
            }
        }
        if (!errors.isEmpty()) return new Result(null, errors, existing.isEmpty());
        boolean active = existing.map(m -> m.model().active()).orElse(false);
        GardenModel saved = store.saveCustom(new CatalogModel(provider, model, contextWindow, maxOutputTokens,
                input, output, cachedInput, active, caps));
        catalog.put(saved);
        return new Result(saved, List.of(), existing.isEmpty());
    }

    /** A save: the model, or the errors; {@code created} when there was no such model before. */
    public record Result(GardenModel model, List<FieldError> errors, boolean created) {}

    /** @return the model with its new state, or empty when there is no such model */
    public Optional<GardenModel> setActive(String provider, String model, boolean active) {
        Optional<GardenModel> updated = store.setActive(provider, model, active);
        updated.ifPresent(catalog::put);
        return updated;
    }

    public String priceTableVersion() {
        return store.priceTableVersion();
    }

    /** Every problem of a model's identity, limits and prices, each with its field name. */
    public static List<FieldError> validate(String provider, String model, Integer contextWindow, Integer maxOutputTokens,
                                            BigDecimal input, BigDecimal output, BigDecimal cachedInput) {
        List<FieldError> errors = new ArrayList<>();
        if (provider == null || !PROVIDER.matcher(provider).matches()) {
            errors.add(new FieldError("provider", "must be 1 to 64 letters, digits, '-' or '_'"));
        }
        if (model == null || !MODEL.matcher(model).matches()) {
            errors.add(new FieldError("model", "must be 1 to 128 letters, digits, '.', ':', '@', '-' or '_'"));
        }
        positive("contextWindow", contextWindow, errors);
        positive("maxOutputTokens", maxOutputTokens, errors);
        if (contextWindow != null && maxOutputTokens != null && contextWindow > 0 && maxOutputTokens > contextWindow) {
            errors.add(new FieldError("maxOutputTokens", "must not exceed contextWindow (" + contextWindow + ")"));
        }
        price("inputPerMillion", input, errors);
        price("outputPerMillion", output, errors);
        if (cachedInput != null) price("cachedInputPerMillion", cachedInput, errors); // optional: none bills at the input price
        return errors;
    }

    private static void positive(String path, Integer value, List<FieldError> errors) {
        if (value == null) errors.add(new FieldError(path, "required: a positive whole number of tokens"));
        else if (value < 1) errors.add(new FieldError(path, "must be a positive whole number of tokens"));
    }

    private static void price(String path, BigDecimal value, List<FieldError> errors) {
        if (value == null) errors.add(new FieldError(path, "required: US dollars per million tokens"));
        else if (value.signum() < 0) errors.add(new FieldError(path, "must not be negative"));
        else if (value.compareTo(new BigDecimal("1000000")) >= 0 || value.scale() > 6) {
            errors.add(new FieldError(path, "at most 6 decimals and below 1000000"));
        }
    }
}
