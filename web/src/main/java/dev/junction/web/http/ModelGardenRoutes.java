package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.catalog.Capabilities;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.GardenModel;
import dev.junction.engine.catalog.ModelGarden;
import dev.junction.engine.invoke.ActiveDeployments;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model garden: {@code GET /api/models} (filters {@code provider}, {@code active}),
 * {@code GET|PUT /api/models/{provider}/{model}}, {@code POST .../activate} and {@code .../deactivate}.
 * A model shows its {@code capabilities} (tools, images, files, audio, jsonSchema, reasoning: each true or false); a
 * PUT may set any of them.
 * Deactivating a model that live deployments use is allowed: they keep serving, the answer lists them in
 * {@code warnings}, and no new version may use the model until it is activated again.
 */
public final class ModelGardenRoutes implements Routes {
    private final ModelGarden garden;
    private final ActiveDeployments live;
    private final ObjectMapper mapper;

    public ModelGardenRoutes(ModelGarden garden, ActiveDeployments live, ObjectMapper mapper) {
        this.garden = garden;
        this.live = live;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/models", this::list);
        routes.get("/api/models/{provider}/{model}", this::get);
        routes.put("/api/models/{provider}/{model}", this::put);
        routes.post("/api/models/{provider}/{model}/activate", ctx -> setActive(ctx, true));
        routes.post("/api/models/{provider}/{model}/deactivate", ctx -> setActive(ctx, false));
    }

    void list(Context ctx) {
        String active = ctx.queryParam("active");
        Boolean activeFilter = null;
        if (active != null) {
            if (!active.equals("true") && !active.equals("false")) throw ApiError.badRequest("active", "must be true or false");
            activeFilter = Boolean.valueOf(active);
        }
        List<Map<String, Object>> models = garden.list(ctx.queryParam("provider"), activeFilter).stream().map(ModelGardenRoutes::json).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("priceTableVersion", garden.priceTableVersion());
        answer.put("data", models);
        ctx.json(answer);
    }

    void get(Context ctx) {
        ctx.json(json(find(ctx)));
    }

    void put(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        ModelGarden.Result result = garden.save(ctx.pathParam("provider"), ctx.pathParam("model"),
                body.wholeNumber("contextWindow"), body.wholeNumber("maxOutputTokens"),
                body.decimal("inputPerMillion"), body.decimal("outputPerMillion"),
                body.decimal("cachedInputPerMillion"), capabilities(body));
        if (!result.errors().isEmpty()) throw ApiError.unprocessable(result.errors());
        ctx.status(result.created() ? 201 : 200).json(json(result.model()));
    }

    /**
     * {@code capabilities}: an object of booleans by capability name ({@code {"images": false}}); the names it leaves
     * out keep their value. Absent: all keep theirs. A value that is not a boolean is a 400 naming it; an unknown name
     * is refused by the garden (422).
     */
    private static Map<String, Boolean> capabilities(JsonBody body) {
        if (!body.has("capabilities")) return null;
        JsonBody caps = body.object("capabilities");
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String name : caps.fieldNames()) {
            if (caps.get(name) == null || !caps.get(name).isBoolean()) throw caps.invalid(name, JsonBody.NOT_A_BOOLEAN);
            out.put(name, caps.get(name).asBoolean());
        }
        return out;
    }

    void setActive(Context ctx, boolean active) {
        String provider = ctx.pathParam("provider");
        String model = ctx.pathParam("model");
        GardenModel updated = garden.setActive(provider, model, active).orElseThrow(() -> notFound(provider, model));
        Map<String, Object> answer = json(updated);
        if (!active) {
            answer.put("warnings", live.using(provider, model).stream()
                    .map(d -> "deployment " + d + " uses " + provider + "/" + model
                            + ": it keeps serving, but no new version may use the model until it is activated again")
                    .toList());
        }
        ctx.json(answer);
    }

    private GardenModel find(Context ctx) {
        String provider = ctx.pathParam("provider");
        String model = ctx.pathParam("model");
        return garden.find(provider, model).orElseThrow(() -> notFound(provider, model));
    }

    private static ApiError notFound(String provider, String model) {
        return new ApiError(404, "no model '" + model + "' of provider '" + provider + "' in the model garden", null,
                Map.of("provider", provider, "model", model));
    }

    /** Every capability by name, true or false, in the order of {@link Capabilities#NAMES}. */
    static Map<String, Boolean> capabilities(Capabilities c) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String name : Capabilities.NAMES) out.put(name, c.has(name));
        return out;
    }

    static Map<String, Object> json(GardenModel g) {
        CatalogModel m = g.model();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", m.provider());
        out.put("model", m.model());
        out.put("contextWindow", m.contextWindow());
        out.put("maxOutputTokens", m.maxOutputTokens());
        out.put("inputPerMillion", m.inputPerMillion());
        out.put("outputPerMillion", m.outputPerMillion());
        out.put("cachedInputPerMillion", m.cachedInputPerMillion());
        out.put("capabilities", capabilities(m.capabilities()));
        out.put("active", m.active());
        out.put("custom", g.custom());
        out.put("priceTableVersion", g.priceTableVersion());
        out.put("updatedAt", g.updatedAt().toString());
        return out;
    }
}
