package dev.junction.web.http;

import dev.junction.engine.access.OutOfScopeException;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ConflictException;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.deployment.NotFoundException;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.deployment.StaleRevisionException;
import dev.junction.engine.review.ReviewRefusedException;
import dev.junction.engine.invoke.AllAttemptsFailedException;
import dev.junction.engine.invoke.DeploymentNotFoundException;
import dev.junction.engine.invoke.InvalidInputException;
import dev.junction.engine.spend.QuotaExceededException;
import dev.junction.web.openai.OpenAiErrorBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an exception becomes an HTTP answer. Every error body is JSON,
 * {@code {"code": "404", "message": "...", ...}}, or under {@code /v1/} OpenAI's
 * {@code {"error": {"message", "type", "param", "code"}}} ({@link OpenAiErrorBody}); no stack trace ever reaches a client.
 */
public final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    public static void register(RoutesConfig routes) {
        routes.exception(ApiError.class, (e, ctx) -> send(ctx, e.status(), e.getMessage(), e.errors(), e.extra()));
        routes.exception(DeploymentNotFoundException.class, (e, ctx) ->
                send(ctx, 404, e.getMessage(), List.of(), Map.of("key", e.key())));
        routes.exception(OutOfScopeException.class, (e, ctx) -> send(ctx, 403, e.getMessage(), List.of(),
                Map.of("key", e.deploymentKey(), OpenAiErrorBody.ERROR_CODE, "deployment_not_in_scope")));
        routes.exception(InvalidInputException.class, (e, ctx) -> send(ctx, 422, e.getMessage(), e.errors(), Map.of()));
        routes.exception(InvalidSpecException.class, (e, ctx) -> send(ctx, 422, e.getMessage(), e.errors(), Map.of()));
        routes.exception(RoutingCompileException.class, (e, ctx) ->
                send(ctx, 422, e.getMessage(), List.of(new FieldError("routing", e.getMessage())), Map.of()));
        routes.exception(NotFoundException.class, (e, ctx) -> send(ctx, 404, e.getMessage(), List.of(), Map.of()));
        routes.exception(StaleRevisionException.class, (e, ctx) ->
                send(ctx, 409, e.getMessage(), List.of(), Map.of("current_revision", e.currentRevision())));
        routes.exception(ReviewRefusedException.class, (e, ctx) -> send(ctx, 403, e.getMessage(), List.of(), Map.of()));
        routes.exception(ConflictException.class, (e, ctx) -> send(ctx, 409, e.getMessage(), List.of(), Map.of()));
        routes.exception(AllAttemptsFailedException.class, (e, ctx) -> send(ctx, e.httpStatus(), e.getMessage(), List.of(),
                failureExtra(e)));
        routes.exception(QuotaExceededException.class, (e, ctx) -> QuotaRefusal.send(ctx, e));
        // Javalin's own answers (no such endpoint, wrong method, body too large...) in the same JSON envelope
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            ApiError error = e.getStatus() == 413 ? BodyLimit.tooLarge(ctx) : null; // a chunked body cut off at the limit
            if (error != null) ctx.header("Connection", "close");
            send(ctx, e.getStatus(), error == null ? e.getMessage() : error.getMessage(), List.of(), error == null ? Map.of() : error.extra());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            String unavailable = DatabaseUnavailable.reason(e);
            if (unavailable != null) {
                LOG.warn("{} {}: the database is unavailable ({})", ctx.method(), ctx.path(), unavailable);
                ctx.header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
                send(ctx, 503, DatabaseUnavailable.MESSAGE, List.of(), Map.of());
                return;
            }
            if (nulRefused(e)) { // PostgreSQL stores no NUL in text or jsonb: the client's text, not our bug
                send(ctx, 400, "text with a NUL character (\\u0000) cannot be stored or searched: remove it", List.of(), Map.of());
                return;
            }
            LOG.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, 500, "internal error", List.of(), Map.of());
        });
    }

    /** What a failed invoke's error body adds: the code, the request id, every attempt, and the guardrail that blocked. */
    static Map<String, Object> failureExtra(AllAttemptsFailedException e) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(OpenAiErrorBody.ERROR_CODE, e.code().wire());
        extra.put("request_id", e.requestId().toString());
        extra.put("attempts", e.attempts());
        if (e.guardrail() != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", e.guardrail().name());
            g.put("kind", e.guardrail().kind());
            g.put("stage", e.guardrail().stage());
            if (e.guardrail().reason() != null) g.put("reason", e.guardrail().reason());
            extra.put("guardrail", g);
        }
        return extra;
    }

    /** Whether PostgreSQL refused a NUL character: 22021 in text ("invalid byte sequence"), 22P05 in jsonb. */
    private static boolean nulRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("22021".equals(sql.getSQLState()) || "22P05".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static void send(Context ctx, int status, String message, List<FieldError> errors, Map<String, Object> extra) {
        if (OpenAiErrorBody.appliesTo(ctx.path())) { // the OpenAI-compatible API answers in OpenAI's error shape
            // the gateway already retried and fell back as the deployment says: the SDKs should not retry on top
            ctx.header("x-should-retry", "false");
            ctx.status(status).json(OpenAiErrorBody.of(status, message, errors, extra));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", Integer.toString(status));
        body.put("message", message);
        if (!errors.isEmpty()) body.put("errors", errors);
        body.putAll(extra);
        ctx.status(status).json(body);
    }
}
