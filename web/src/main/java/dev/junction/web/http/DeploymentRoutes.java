package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentQuery;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.Draft;
import dev.junction.engine.access.Permission;
import dev.junction.engine.review.ReviewService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The panel API for deployments: create, list, edit the draft (optimistic: the body names the revision it
 * edits), deploy, history, diff, rollback, export and import. Admin token required (HttpServer).
 * When the deployment's project requires reviews, deploy, rollback and import with deploy answer 202 with a deploy
 * request (and its {@code Location}) instead of deploying ({@link ReviewService}).
 */
public final class DeploymentRoutes implements Routes {
    /** The format tag of an exported deployment document. */
    public static final String EXPORT_FORMAT = "junction.deployment/v1";

    private final DeploymentService deployments;
    private final ReviewService reviews;
    private final ObjectMapper mapper;

    public DeploymentRoutes(DeploymentService deployments, ReviewService reviews, ObjectMapper mapper) {
        this.deployments = deployments;
        this.reviews = reviews;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/deployments", this::list);
        routes.post("/api/deployments", this::create);
        routes.post("/api/deployments/import", this::importDocument);
        routes.get("/api/deployments/{key}", ctx -> ctx.json(summary(deployments.get(ctx.pathParam("key")))));
        routes.get("/api/deployments/{key}/draft", ctx -> ctx.json(draft(deployments.draft(ctx.pathParam("key")))));
        routes.put("/api/deployments/{key}/draft", this::saveDraft);
        routes.post("/api/deployments/{key}/deploy", this::deploy);
        routes.get("/api/deployments/{key}/versions", this::versions);
        routes.get("/api/deployments/{key}/versions/{number}", this::version);
        routes.get("/api/deployments/{key}/diff", this::diff);
        routes.post("/api/deployments/{key}/rollback", this::rollback);
        routes.get("/api/deployments/{key}/export", this::export);
    }

    private void list(Context ctx) {
        List<Deployment> found = deployments.list(new DeploymentQuery(
                ctx.queryParam("project"), ctx.queryParam("folder"), ctx.queryParam("q")));
        // only what the caller's grants cover
        ctx.json(Map.of("data", found.stream()
                .filter(d -> AccessRules.canSee(ctx, Permission.VIEW, new AccessRules.Place(d.project(), d.folder())))
                .map(DeploymentRoutes::summary).toList()));
    }

    private void create(Context ctx) {
        DeploymentSpec spec = JsonBody.of(mapper, ctx.body()).as(SpecJson::read);
        Deployment created = deployments.create(spec, Auth.adminTokenName(ctx));
        ctx.status(201).json(Map.of("deployment", summary(created), "draft", draft(deployments.draft(created.key()))));
    }

    private void saveDraft(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        Integer revision = body.wholeNumber("revision");
        if (revision == null) {
            throw ApiError.missing("revision", "the revision of the draft this edit is based on");
        }
        DeploymentSpec spec = spec(body);
        ctx.json(draft(deployments.saveDraft(ctx.pathParam("key"), spec, revision, Auth.adminTokenName(ctx))));
    }

    private void deploy(Context ctx) {
        JsonBody body = JsonBody.orEmpty(mapper, ctx.body());
        answer(ctx, reviews.deploy(ctx.pathParam("key"), body.wholeNumber("revision"), Auth.principal(ctx), body.text("message")));
    }

    /** A deploy: 201 (a new version) or 200 (nothing changed); or 202 with the deploy request it became. */
    private static void answer(Context ctx, ReviewService.Outcome outcome) {
        switch (outcome) {
            case ReviewService.Outcome.Deployed d -> ctx.status(d.result().created() ? 201 : 200).json(deployResult(d.result()));
            case ReviewService.Outcome.Requested r -> {
                ctx.header("Location", "/api/reviews/" + r.review().id());
                ctx.status(202).json(ReviewJson.review(r.review(), true));
            }
        }
    }

    private void rollback(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        Integer number = body.wholeNumber("version");
        if (number == null) throw ApiError.missing("version", "the version number to deploy again");
        answer(ctx, reviews.rollback(ctx.pathParam("key"), number, Auth.principal(ctx), body.text("message"),
                body.bool("emergency")));
    }

    private void versions(Context ctx) {
        ctx.json(Map.of("data", deployments.versions(ctx.pathParam("key")).stream().map(v -> version(v, false)).toList()));
    }

    private void version(Context ctx) {
        int number;
        try {
            number = Integer.parseInt(ctx.pathParam("number").replaceFirst("^v", ""));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("number", "must be a version number such as 3 or v3");
        }
        ctx.json(version(deployments.version(ctx.pathParam("key"), number), true));
    }

    private void diff(Context ctx) {
        String from = ctx.queryParam("from");
        String to = ctx.queryParam("to");
        if (from == null) throw ApiError.missing("from", "a version number, 'active' or 'draft'");
        if (to == null) to = "draft";
        QueryParams.versionRef("from", from);
        QueryParams.versionRef("to", to);
        ctx.json(Map.of("from", from, "to", to, "changes", deployments.diff(ctx.pathParam("key"), from, to)));
    }

    private void export(Context ctx) {
        String key = ctx.pathParam("key");
        String ref = QueryParams.versionRef("version", ctx.queryParamAsClass("version", String.class).getOrDefault("draft"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", EXPORT_FORMAT);
        doc.put("source", ref);
        doc.put("spec", deployments.spec(key, ref));
        ctx.header("Content-Disposition", "attachment; filename=\"" + key + ".json\"").json(doc);
    }

    private void importDocument(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        String format = body.text("format");
        if (!EXPORT_FORMAT.equals(format)) {
            throw ApiError.badRequest("format", "must be \"" + EXPORT_FORMAT + "\" (a document from /export)");
        }
        DeploymentSpec spec = spec(body);
        String deployParam = ctx.queryParam("deploy");
        if (deployParam != null && !deployParam.equals("true") && !deployParam.equals("false")) {
            throw ApiError.badRequest("deploy", "must be true or false");
        }
        boolean existed = deployments.exists(spec.key());
        ReviewService.Imported imported = reviews.importSpec(spec, Auth.principal(ctx), "true".equals(deployParam),
                ctx.queryParam("message"));
        Deployment deployment = deployments.get(spec.key());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deployment", summary(deployment));
        answer.put("draft", draft(imported.draft()));
        if (imported.deploy() instanceof ReviewService.Outcome.Requested r) {
            answer.put("review", ReviewJson.review(r.review(), true));
            ctx.header("Location", "/api/reviews/" + r.review().id());
            ctx.status(202).json(answer);
            return;
        }
        ctx.status(existed ? 200 : 201).json(answer);
    }


    /** The body's {@code spec}: a deployment spec object, its errors named under {@code spec.}. */
    private static DeploymentSpec spec(JsonBody body) {
        JsonNode spec = body.get("spec");
        if (spec == null || !spec.isObject()) throw body.invalid("spec", "must be a deployment spec object");
        return body.object("spec").as(SpecJson::read);
    }

    static Map<String, Object> summary(Deployment d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id().toString());
        m.put("key", d.key());
        m.put("description", d.description());
        m.put("project", d.project());
        m.put("folder", d.folder());
        m.put("activeVersion", d.activeVersion());
        m.put("draftRevision", d.draftRevision());
        m.put("createdAt", d.createdAt().toString());
        m.put("updatedAt", d.updatedAt().toString());
        return m;
    }

    static Map<String, Object> draft(Draft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("revision", d.revision());
        m.put("updatedAt", d.updatedAt().toString());
        m.put("updatedBy", d.updatedBy());
        m.put("spec", d.spec());
        return m;
    }

    private static Map<String, Object> version(DeploymentVersion v, boolean withSpec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", v.number());
        m.put("label", v.label());
        m.put("contentHash", v.contentHash());
        m.put("author", v.author());
        m.put("message", v.message());
        m.put("createdAt", v.createdAt().toString());
        if (v.sourceVersion() != null) m.put("rollbackOf", v.sourceVersion());
        if (v.approval() != null) {
            m.put("approvedBy", v.approval().approvedBy());
            m.put("review", v.approval().reviewId().toString());
        }
        if (withSpec) m.put("spec", v.spec());
        return m;
    }

    static Map<String, Object> deployResult(DeploymentService.DeployResult result) {
        Map<String, Object> m = version(result.version(), false);
        m.put("created", result.created());
        m.put("warnings", result.warnings());
        return m;
    }
}
