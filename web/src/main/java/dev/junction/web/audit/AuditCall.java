package dev.junction.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Map;

/**
 * One state-changing {@code /api} request, as a snapshot function sees it: the path parameters of the matched route
 * (kept from before the handler ran: Javalin's after-handlers match their own path), the request body and, after the
 * handler, the JSON it answered (for what a create made: its id, its name).
 */
public final class AuditCall {
    private final Context ctx;
    private final Map<String, String> pathParams;
    private final ObjectMapper mapper;

    AuditCall(Context ctx, Map<String, String> pathParams, ObjectMapper mapper) {
        this.ctx = ctx;
        this.pathParams = Map.copyOf(pathParams);
        this.mapper = mapper;
    }

    /** A path parameter of the matched route ({@code name} of {@code /api/providers/{name}}). */
    public String param(String name) {
        String value = pathParams.get(name);
        if (value == null) throw new IllegalArgumentException("the route has no path parameter {" + name + "}");
        return value;
    }

    public Map<String, String> params() {
        return pathParams;
    }

    /** The request body as JSON, or a missing node when it is empty or not JSON. */
    public JsonNode request() {
        return parse(ctx.body());
    }

    /** The response body as JSON (only after the handler), or a missing node when there is none or it is not JSON. */
    public JsonNode response() {
        return parse(ctx.result());
    }

    /** The server's JSON mapper, for turning a route's view (maps, records) into a snapshot. */
    public JsonNode tree(Object value) {
        return value == null ? null : mapper.valueToTree(value);
    }

    public Context context() {
        return ctx;
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        try {
            return mapper.readTree(text);
        } catch (java.io.IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }
}
