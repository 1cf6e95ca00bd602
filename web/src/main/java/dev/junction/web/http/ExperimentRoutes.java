package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.experiment.ArmComparison;
import dev.junction.engine.experiment.ExperimentResult;
import dev.junction.engine.experiment.Experiments;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The experiments of a deployment's live version and their results so far:
 * {@code GET /api/deployments/{key}/experiments}, {@code GET /api/deployments/{key}/experiments/{rule}}; and
 * {@code POST /api/deployments/{key}/experiments/{rule}/promote} ({@code {"arm"?, "revision"?}}, the winner when left
 * out; with {@code revision}, a 409 when the draft is no longer at it), which
 * writes a draft routing the row's traffic to that arm and answers it (deploy it as any draft).
 */
public final class ExperimentRoutes implements Routes {
    private final Experiments experiments;
    private final ObjectMapper mapper;

    public ExperimentRoutes(Experiments experiments, ObjectMapper mapper) {
        this.experiments = experiments;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/deployments/{key}/experiments", ctx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Experiments.View v : experiments.list(ctx.pathParam("key"))) out.add(json(v));
            ctx.json(Map.of("data", out));
        });
        routes.get("/api/deployments/{key}/experiments/{rule}", ctx ->
                ctx.json(json(experiments.get(ctx.pathParam("key"), ctx.pathParam("rule")))));
        routes.post("/api/deployments/{key}/experiments/{rule}/promote", this::promote);
    }

    private void promote(Context ctx) {
        JsonBody body = JsonBody.orEmpty(mapper, ctx.body());
        String arm = body.text("arm");
        Integer revision = body.wholeNumber("revision"); // optional: the draft the editor saw
        ctx.json(DeploymentRoutes.draft(experiments.promote(ctx.pathParam("key"), ctx.pathParam("rule"), arm, revision,
                Auth.adminTokenName(ctx))));
    }

    static Map<String, Object> json(Experiments.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", v.ruleId());
        if (v.description() != null) m.put("description", v.description());
        m.put("metric", v.metric());
        if (v.name() != null) m.put("name", v.name());
        m.put("better", v.better());
        m.put("kind", v.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("sinceVersion", v.sinceVersion());
        m.put("since", v.since().toString());
        ExperimentResult r = v.result();
        m.put("test", r.test());
        m.put("alpha", r.alpha());
        m.put("minSample", r.minSample());
        m.put("enoughData", r.enoughData());
        m.put("control", r.control());
        m.put("winner", r.winner());
        m.put("verdict", r.verdict());
        List<Map<String, Object>> arms = new ArrayList<>();
        for (int i = 0; i < r.arms().size(); i++) {
            ArmComparison a = r.arms().get(i);
            Map<String, Object> arm = new LinkedHashMap<>();
            arm.put("arm", a.arm());
            int at = v.arms().indexOf(a.arm());
            if (at >= 0) {
                arm.put("percent", v.percents().get(at));
                arm.put("n", v.stats().get(at).n());
            }
            arm.put("mean", a.mean());
            arm.put("meanLow", a.meanLow());
            arm.put("meanHigh", a.meanHigh());
            arm.put("difference", a.difference());
            arm.put("differenceLow", a.differenceLow());
            arm.put("differenceHigh", a.differenceHigh());
            arm.put("pValue", a.pValue());
            arm.put("significant", a.significant());
            arm.put("better", a.better());
            arms.add(arm);
        }
        m.put("arms", arms);
        return m;
    }
}
