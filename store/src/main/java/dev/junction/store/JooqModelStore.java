package dev.junction.store;

import static dev.junction.store.generated.Tables.CATALOG_META;
import static dev.junction.store.generated.Tables.MODELS;

import dev.junction.engine.catalog.Capabilities;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.GardenModel;
import dev.junction.engine.catalog.ModelStore;
import dev.junction.engine.catalog.PriceTable;
import dev.junction.store.generated.tables.records.ModelsRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The model garden in PostgreSQL. */
public final class JooqModelStore implements ModelStore {
    private final DSLContext dsl;
    private final Clock clock;

    public JooqModelStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public void seed(PriceTable table, List<CatalogModel> builtIn) {
        OffsetDateTime now = now();
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            for (CatalogModel m : builtIn) upsert(db, m, null, now);
            for (CatalogModel m : table.models()) upsert(db, m, table.version(), now);
            db.insertInto(CATALOG_META)
              .set(CATALOG_META.ID, 1)
              .set(CATALOG_META.PRICE_TABLE_VERSION, table.version())
              .set(CATALOG_META.SOURCE, table.source())
              .set(CATALOG_META.LOADED_AT, now)
              .onConflict(CATALOG_META.ID).doUpdate()
              .set(CATALOG_META.PRICE_TABLE_VERSION, table.version())
              .set(CATALOG_META.SOURCE, table.source())
              .set(CATALOG_META.LOADED_AT, now)
              .execute();
        });
    }

    /** Inserts with the model's {@code active}; on conflict refreshes figures of non-custom rows only, never active. */
    private static void upsert(DSLContext db, CatalogModel m, String version, OffsetDateTime now) {
        db.insertInto(MODELS)
          .set(MODELS.PROVIDER, m.provider())
          .set(MODELS.MODEL, m.model())
          .set(figures(m))
          .set(MODELS.ACTIVE, m.active())
          .set(MODELS.CUSTOM, false)
          .set(MODELS.PRICE_TABLE_VERSION, version)
          .set(MODELS.UPDATED_AT, now)
          .onConflict(MODELS.PROVIDER, MODELS.MODEL).doUpdate()
          .set(figures(m))
          .set(MODELS.PRICE_TABLE_VERSION, version)
          .set(MODELS.UPDATED_AT, DSL.when(changed(m), DSL.val(now)).otherwise(MODELS.UPDATED_AT))
          .where(MODELS.CUSTOM.isFalse())
          .execute();
    }

    /** A model's limits, prices and capabilities, the columns every write of a model sets. */
    private static java.util.Map<org.jooq.Field<?>, Object> figures(CatalogModel m) {
        java.util.Map<org.jooq.Field<?>, Object> f = new java.util.LinkedHashMap<>();
        f.put(MODELS.CONTEXT_WINDOW, m.contextWindow());
        f.put(MODELS.MAX_OUTPUT_TOKENS, m.maxOutputTokens());
        f.put(MODELS.INPUT_PER_MILLION, m.inputPerMillion());
        f.put(MODELS.OUTPUT_PER_MILLION, m.outputPerMillion());
        f.put(MODELS.CACHED_INPUT_PER_MILLION, m.cachedInputPerMillion());
        Capabilities c = m.capabilities();
        f.put(MODELS.TAKES_TOOLS, c.tools());
        f.put(MODELS.TAKES_IMAGES, c.images());
        f.put(MODELS.TAKES_FILES, c.files());
        f.put(MODELS.TAKES_AUDIO, c.audio());
        f.put(MODELS.TAKES_JSON_SCHEMA, c.jsonSchema());
        f.put(MODELS.TAKES_REASONING, c.reasoning());
        return f;
    }

    private static org.jooq.Condition changed(CatalogModel m) {
        return MODELS.CONTEXT_WINDOW.ne(m.contextWindow())
                .or(MODELS.MAX_OUTPUT_TOKENS.ne(m.maxOutputTokens()))
                .or(MODELS.INPUT_PER_MILLION.ne(m.inputPerMillion()))
                .or(MODELS.OUTPUT_PER_MILLION.ne(m.outputPerMillion()))
                .or(MODELS.CACHED_INPUT_PER_MILLION.isDistinctFrom(m.cachedInputPerMillion()))
                .or(MODELS.TAKES_TOOLS.ne(m.capabilities().tools()))
                .or(MODELS.TAKES_IMAGES.ne(m.capabilities().images()))
                .or(MODELS.TAKES_FILES.ne(m.capabilities().files()))
                .or(MODELS.TAKES_AUDIO.ne(m.capabilities().audio()))
                .or(MODELS.TAKES_JSON_SCHEMA.ne(m.capabilities().jsonSchema()))
                .or(MODELS.TAKES_REASONING.ne(m.capabilities().reasoning()));
    }

    @Override
    public List<GardenModel> all() {
        return dsl.selectFrom(MODELS).orderBy(MODELS.PROVIDER, MODELS.MODEL).fetch(JooqModelStore::toModel);
    }

    @Override
    public Optional<GardenModel> find(String provider, String model) {
        return dsl.selectFrom(MODELS).where(MODELS.PROVIDER.eq(provider).and(MODELS.MODEL.eq(model)))
                .fetchOptional(JooqModelStore::toModel);
    }

    @Override
    public GardenModel saveCustom(CatalogModel m) {
        OffsetDateTime now = now();
        return Notifications.changing(dsl, "catalog", db -> db.insertInto(MODELS)
                .set(MODELS.PROVIDER, m.provider())
                .set(MODELS.MODEL, m.model())
                .set(figures(m))
                .set(MODELS.ACTIVE, m.active())
                .set(MODELS.CUSTOM, true)
                .setNull(MODELS.PRICE_TABLE_VERSION)
                .set(MODELS.UPDATED_AT, now)
                .onConflict(MODELS.PROVIDER, MODELS.MODEL).doUpdate()
                .set(figures(m))
                .set(MODELS.CUSTOM, true)
                .setNull(MODELS.PRICE_TABLE_VERSION)
                .set(MODELS.UPDATED_AT, now)
                .returning()
                .fetchOne(JooqModelStore::toModel));
    }

    @Override
    public Optional<GardenModel> setActive(String provider, String model, boolean active) {
        return Notifications.changing(dsl, "catalog", db -> db.update(MODELS)
                .set(MODELS.ACTIVE, active)
                .set(MODELS.UPDATED_AT, now())
                .where(MODELS.PROVIDER.eq(provider).and(MODELS.MODEL.eq(model)))
                .returning()
                .fetchOptional(JooqModelStore::toModel));
    }

    @Override
    public String priceTableVersion() {
        return dsl.select(CATALOG_META.PRICE_TABLE_VERSION).from(CATALOG_META).where(CATALOG_META.ID.eq(1))
                .fetchOptional(CATALOG_META.PRICE_TABLE_VERSION).orElse(null);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static GardenModel toModel(ModelsRecord r) {
        return new GardenModel(new CatalogModel(r.getProvider(), r.getModel(), r.getContextWindow(), r.getMaxOutputTokens(),
                r.getInputPerMillion().stripTrailingZeros(), r.getOutputPerMillion().stripTrailingZeros(),
                r.getCachedInputPerMillion() == null ? null : r.getCachedInputPerMillion().stripTrailingZeros(), r.getActive(),
                new Capabilities(r.getTakesTools(), r.getTakesImages(), r.getTakesFiles(), r.getTakesAudio(),
                        r.getTakesJsonSchema(), r.getTakesReasoning())),
                r.getCustom(), r.getPriceTableVersion(), r.getUpdatedAt().toInstant());
    }
}
