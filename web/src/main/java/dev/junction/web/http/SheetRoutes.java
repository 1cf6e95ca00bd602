package dev.junction.web.http;

import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.Draft;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.rules.sheet.CsvSheet;
import dev.junction.rules.sheet.DecisionTableSheet;
import dev.junction.rules.sheet.Grid;
import dev.junction.rules.sheet.SheetReader;
import dev.junction.rules.sheet.XlsxSheet;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployment's routing table as a spreadsheet (a Drools decision table, {@link DecisionTableSheet}):
 * {@code GET /api/deployments/{key}/routing.csv} and {@code .../routing.xlsx} export the draft (or {@code ?version=}
 * a version, {@code active}); {@code PUT /api/deployments/{key}/draft/routing?revision=n} with a CSV or XLSX body
 * replaces the draft's routing table and default variant, after the sheet is read (errors name cells) and the whole
 * draft passes the usual validation (its errors are pointed at cells too). Admin token required (HttpServer).
 */
public final class SheetRoutes implements Routes {
    private final DeploymentService deployments;

    public SheetRoutes(DeploymentService deployments) {
        this.deployments = deployments;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/deployments/{key}/routing.csv", ctx -> export(ctx, false));
        routes.get("/api/deployments/{key}/routing.xlsx", ctx -> export(ctx, true));
        routes.put("/api/deployments/{key}/draft/routing", this::replace);
    }

    private void export(Context ctx, boolean xlsx) {
        String key = ctx.pathParam("key");
        String ref = QueryParams.versionRef("version", ctx.queryParamAsClass("version", String.class).getOrDefault("draft"));
        DeploymentSpec spec = deployments.spec(key, ref);
        Grid grid = DecisionTableSheet.export(spec.routing(), spec.routingSchema());
        String name = key + (ref.equals("draft") ? "" : "-" + ref) + "-routing." + (xlsx ? "xlsx" : "csv");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"")
           .contentType(xlsx ? XlsxSheet.CONTENT_TYPE : CsvSheet.CONTENT_TYPE + "; charset=utf-8")
           .result(xlsx ? XlsxSheet.write(grid) : CsvSheet.write(grid));
    }

    private void replace(Context ctx) {
        String key = ctx.pathParam("key");
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        boolean xlsx = type.equals(XlsxSheet.CONTENT_TYPE);
        if (!xlsx && !type.equals(CsvSheet.CONTENT_TYPE)) {
            throw new ApiError(415, "the body must be a routing sheet: Content-Type " + CsvSheet.CONTENT_TYPE + " or "
                    + XlsxSheet.CONTENT_TYPE + (type.isEmpty() ? "" : ", not " + type), List.of(), Map.of());
        }
        String revisionParam = ctx.queryParam("revision");
        if (revisionParam == null) throw ApiError.missing("revision", "the revision of the draft this edit is based on (?revision=n)");
        int revision;
        try {
            revision = Integer.parseInt(revisionParam);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("revision", "must be a whole number");
        }
        Draft draft = deployments.draft(key); // 404 before reading the body
        DeploymentSpec spec = draft.spec();
        byte[] body = ctx.bodyAsBytes();
        SheetReader.Imported imported = SheetReader.read(xlsx ? XlsxSheet.read(body) : CsvSheet.read(body), spec.routingSchema());
        // a sheet holds no guardrails or experiments: the rows keep theirs (by id)
        DeploymentSpec edited = spec.withRouting(imported.table().keepingChecksOf(spec.routing()));
        Draft saved;
        try {
            saved = deployments.saveDraft(key, edited, revision, Auth.adminTokenName(ctx));
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(imported.locate(e.errors()));
        }
        ctx.json(DeploymentRoutes.draft(saved));
    }
}
