package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.review.DeployReview;
import dev.junction.engine.review.ReviewQuery;
import dev.junction.engine.review.ReviewService;
import dev.junction.engine.review.ReviewStatus;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deploy requests (reviewed deploys) and project settings: {@code GET /api/reviews?status=&deployment=&limit=},
 * {@code GET /api/reviews/{id}}, {@code POST /api/reviews/{id}/approve|reject|withdraw} with {@code {"comment"}}
 * (required to reject), {@code GET|PUT /api/projects/{project}/settings}. Who may decide is the engine's rule
 * ({@link ReviewService}: not the author, and the deploy permission on the deployment's place).
 */
public final class ReviewRoutes implements Routes {
    static final int MAX_COMMENT = 4_000;
    static final int MAX_LIMIT = 200;
    static final int MAX_PROJECT = 128;

    private final ReviewService reviews;
    private final ObjectMapper mapper;

    public ReviewRoutes(ReviewService reviews, ObjectMapper mapper) {
        this.reviews = reviews;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/reviews", this::list);
        routes.get("/api/reviews/{id}", ctx -> {
            DeployReview review = reviews.get(id(ctx));
            if (!visible(ctx, review)) throw ApiError.notFound("deploy request", ctx.pathParam("id")); // outside the caller's scope
            ctx.json(ReviewJson.review(review, true));
        });
        routes.post("/api/reviews/{id}/approve", this::approve);
        routes.post("/api/reviews/{id}/reject", ctx -> {
            String comment = comment(ctx, true);
            ctx.json(ReviewJson.review(reviews.reject(id(ctx), Auth.principal(ctx), comment), true));
        });
        routes.post("/api/reviews/{id}/withdraw", ctx -> {
            String comment = comment(ctx, false);
            ctx.json(ReviewJson.review(reviews.withdraw(id(ctx), Auth.principal(ctx), comment), true));
        });
        routes.get("/api/projects/{project}/settings", ctx -> ctx.json(ReviewJson.settings(reviews.settings(project(ctx)))));
        routes.put("/api/projects/{project}/settings", ctx -> {
            String project = project(ctx);
            JsonBody body = JsonBody.of(mapper, ctx.body());
            if (!body.has("reviewsRequired")) throw ApiError.missing("reviewsRequired", "true or false");
            ctx.json(ReviewJson.settings(reviews.saveSettings(project, body.bool("reviewsRequired"), Auth.principal(ctx))));
        });
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        ReviewStatus parsed = status == null ? null : ReviewStatus.parse(status);
        if (status != null && parsed == null) {
            throw ApiError.badRequest("status", "must be pending, approved, rejected, superseded or withdrawn");
        }
        int limit = 50;
        if (ctx.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(ctx.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) throw ApiError.badRequest("limit", "must be 1 to " + MAX_LIMIT);
        }
        List<DeployReview> found = reviews.list(new ReviewQuery(parsed, ctx.queryParam("deployment"), limit));
        ctx.json(Map.of("data", found.stream().filter(r -> visible(ctx, r)).map(r -> ReviewJson.review(r, false)).toList()));
    }

    /** A request is seen by whoever may view its deployment's project and folder. */
    private static boolean visible(Context ctx, DeployReview review) {
        return AccessRules.canSee(ctx, dev.junction.engine.access.Permission.VIEW,
                new AccessRules.Place(review.target().project(), review.target().folder()));
    }

    private void approve(Context ctx) {
        String comment = comment(ctx, false);
        ReviewService.Approved approved = reviews.approve(id(ctx), Auth.principal(ctx), comment);
        Map<String, Object> answer = new LinkedHashMap<>(ReviewJson.review(approved.review(), true));
        answer.put("deployed", DeploymentRoutes.deployResult(approved.result()));
        ctx.json(answer);
    }

    /** The body's {@code comment}: at most {@value #MAX_COMMENT} characters; {@code required} for a rejection. */
    private String comment(Context ctx, boolean required) {
        JsonBody body = JsonBody.orEmpty(mapper, ctx.body());
        String comment = body.text("comment");
        if (comment != null) comment = comment.strip();
        if (required && (comment == null || comment.isEmpty())) {
            throw ApiError.missing("comment", "why the request is rejected, for its author");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ApiError.unprocessable(List.of(new FieldError("comment", "at most " + MAX_COMMENT + " characters")));
        }
        return comment == null || comment.isEmpty() ? null : comment;
    }

    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx.pathParam("id"), "deploy request");
    }

    private static String project(Context ctx) {
        String project = ctx.pathParam("project").strip();
        if (project.isEmpty() || project.length() > MAX_PROJECT) {
            throw ApiError.badRequest("project", "must be a project name of 1 to " + MAX_PROJECT + " characters");
        }
        return project;
    }
}
