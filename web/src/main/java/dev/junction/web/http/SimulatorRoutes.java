package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.RequestLogReader;
import dev.junction.engine.routing.Replay;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.engine.routing.SpendFields;
import dev.junction.rules.DroolsRouterCompiler;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing simulator and the rule test harness of the panel API:
 * {@code POST /api/deployments/{key}/simulate} answers where a context goes and why, without calling a model
 * (or, with {@code "invoke": true}, invokes the live version for real and logs it with source Simulator);
 * the request fields ({@link RequestFields}: {@code request.has_images}...) are given in the context like any field,
 * as the analyst wants them; with {@code "invoke": true} they are derived from the request sent (no messages, the
 * inputs), as for any request, so giving them is refused, and the simulation uses the derived values;
 * the spend fields ({@link SpendFields}: {@code spend.identity.month_usd}...) are given in the context too, and the
 * simulator's values win, also with {@code "invoke": true} (an administrator trying a rule); those it leaves out are,
 * when invoking, the real ones (the deployment's and its project's spend; no API key or identity: absent), as the
 * invoke reads them;
 * with {@code "text"} (a user's message) and/or {@code "answer"} (a model's answer) it also shows what each guardrail of
 * the row and variant reached does to them ({@code "guardrails"}: the outcome, each guardrail's verdict, the texts
 * after masking), calling no model but the judges and callouts those guardrails name;
 * {@code POST /api/deployments/{key}/tests/run} runs the deployment's routing tests (with their guardrail expectations).
 */
public final class SimulatorRoutes implements Routes {
    static final int MAX_REPLAY = 10_000;

    private final DeploymentService deployments;
    private final InvokeService invokeService;
    private final RequestLogReader logs;
    private final ObjectMapper mapper;

    public SimulatorRoutes(DeploymentService deployments, InvokeService invokeService, RequestLogReader logs,
                           ObjectMapper mapper) {
        this.deployments = deployments;
        this.logs = logs;
        this.invokeService = invokeService;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/deployments/{key}/simulate", this::simulate);
        routes.post("/api/deployments/{key}/tests/run", this::runTests);
        routes.post("/api/deployments/{key}/replay", this::replay);
        routes.get("/api/deployments/{key}/checks", ctx -> {
            String ref = ref(ctx);
            ctx.json(Map.of("version", ref, "warnings", deployments.warnings(ctx.pathParam("key"), ref)));
        });
        routes.get("/api/deployments/{key}/drl", ctx -> {
            String ref = ref(ctx);
            ctx.contentType("text/plain; charset=utf-8")
               .result(drl(deployments.spec(ctx.pathParam("key"), ref)));
        });
    }

    private void simulate(Context ctx) {
        String key = ctx.pathParam("key");
        JsonBody body = JsonBody.of(mapper, ctx.body());
        Map<String, Object> context = body.map("context");
        String ref = version(key, body.get("version"));
        boolean invoke = body.node().path("invoke").asBoolean(false);
        if (invoke && !ref.equals("active")) {
            throw ApiError.missing("version", "\"active\" (only the live version can be invoked; this asked for '" + ref + "')");
        }
        Map<String, Object> inputs = body.map("inputs");
        for (String name : context.keySet()) {
            if (SpendFields.reserved(name) && SpendFields.typeOf(name) == null) {
                throw ApiError.badRequest("context." + name, SpendFields.unknown(name));
            }
            if (!RequestFields.reserved(name)) continue;
            if (RequestFields.typeOf(name) == null) {
                throw ApiError.badRequest("context." + name, "not a request field (the request fields are " + RequestFields.names() + ")");
            }
            if (invoke) {
                throw ApiError.badRequest("context." + name, "derived from the request when invoking (here: no messages, "
                        + "the inputs); give request fields only to a simulation without \"invoke\"");
            }
        }
        if (invoke) {
            context = RequestFields.routingContext(context, RequestFields.of(List.of(), List.of(), inputs, null));
            var live = deployments.spec(key, ref);
            SpendFields.of(live.routing()).apply(context, context, true, invokeService.spendView(),
                    new SpendFields.Members(null, null, key, live.project()));
        }
        DeploymentService.Simulation simulation = deployments.simulate(key, ref, context);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", ref);
        answer.put("variant", simulation.decision().variant());
        answer.put("evaluation", simulation.decision().evaluation());
        answer.put("rule", simulation.decision() instanceof RoutingDecision.Matched m ? m.ruleId() : null);
        answer.put("explanation", simulation.explanation());
        String text = sample(body, "text");
        String sampleAnswer = sample(body, "answer");
        if (text != null || sampleAnswer != null) {
            String rule = simulation.decision() instanceof RoutingDecision.Matched m ? m.ruleId() : null;
            answer.put("guardrails", deployments.previewGuardrails(key, ref, rule, simulation.decision().variant(), text, sampleAnswer));
        }
        if (invoke) {
            InvokeResult result = invokeService.invoke(new InvokeRequest(key, context, inputs,
                    null, null, Map.of(), Source.SIMULATOR));
            Map<String, Object> invoked = new LinkedHashMap<>();
            invoked.put("id", result.id().toString());
            invoked.put("model", result.model().label());
            invoked.put("content", result.response().content());
            invoked.put("attempts", result.attempts());
            answer.put("invoked", invoked);
        }
        ctx.json(answer);
    }

    /** A sample text for the guardrails' preview ({@code text}: the user's message, {@code answer}: a model's answer). */
    private static String sample(JsonBody body, String field) {
        String value = body.text(field);
        if (value != null && value.length() > dev.junction.engine.guard.GuardrailCases.MAX_TEXT) {
            throw ApiError.badRequest(field, "at most " + dev.junction.engine.guard.GuardrailCases.MAX_TEXT + " characters");
        }
        return value;
    }

    private void runTests(Context ctx) {
        String key = ctx.pathParam("key");
        String ref = ref(ctx);
        List<RoutingCaseRunner.Result> results = deployments.runRoutingCases(key, ref);
        long failed = results.stream().filter(r -> !r.passed()).count();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", ref);
        answer.put("passed", results.size() - failed);
        answer.put("failed", failed);
        answer.put("results", results);
        ctx.json(answer);
    }

    /**
     * Routes the contexts of the last {@code limit} logged requests (default 1000, at most 10000) with a version
     * ({@code draft} by default) and compares with where they went.
     */
    private void replay(Context ctx) {
        String key = ctx.pathParam("key");
        JsonBody body = JsonBody.orEmpty(mapper, ctx.body());
        Integer given = body.wholeNumber("limit");
        int limit = given == null ? 1000 : given;
        if (limit < 1 || limit > MAX_REPLAY) throw ApiError.badRequest("limit", "must be 1 to " + MAX_REPLAY);
        String ref = QueryParams.versionRef("version", body.has("version") ? body.get("version").asText() : "draft");
        deployments.get(key);
        var routed = logs.recentRouted(key, limit);
        Replay.Report report = deployments.withRouter(key, ref, router -> Replay.run(router, routed));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("version", ref);
        answer.put("report", report);
        ctx.json(answer);
    }

    /** {@code ?version=}: a number ({@code 3}, {@code v3}), {@code active}, or {@code draft} (the default). */
    private static String ref(Context ctx) {
        return ctx.queryParam("version") == null ? "draft" : QueryParams.versionRef("version", ctx.queryParam("version"));
    }


    /** The version to simulate: the one asked for, else the live one, else the draft. */
    private String version(String key, JsonNode requested) {
        if (requested != null && !requested.isNull()) {
            if (!requested.isTextual() && !requested.isIntegralNumber()) {
                throw ApiError.badRequest("version", "must be a version number, \"active\" or \"draft\"");
            }
            return QueryParams.versionRef("version", requested.asText());
        }
        return deployments.get(key).activeVersion() != null ? "active" : "draft";
    }

    private static String drl(dev.junction.engine.deployment.DeploymentSpec spec) {
        return DroolsRouterCompiler.drlOf(spec.routing(), spec.routingSchema());
    }
}
