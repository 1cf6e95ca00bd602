package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.deployment.FieldError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /api/keys}: makes an API key for the invoke APIs; the key is in this answer only. */
public final class ApiKeysHandler implements Routes {
    private static final int MAX_NAME = 200;
    private final ApiKeys apiKeys;
    private final ObjectMapper mapper;

    public ApiKeysHandler(ApiKeys apiKeys, ObjectMapper mapper) {
        this.apiKeys = apiKeys;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/keys", this::create);
    }

    public void create(Context ctx) {
        JsonNode body;
        try {
            body = mapper.readTree(ctx.body());
        } catch (Exception e) {
            throw ApiError.badRequest("body", "malformed JSON");
        }
        if (body == null || !body.isObject()) throw ApiError.badRequest("body", "must be a JSON object");
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiError.unprocessable(List.of(new FieldError("name", "required: a name to recognise the key by")));
        }
        if (name.asText().length() > MAX_NAME) {
            throw ApiError.unprocessable(List.of(new FieldError("name", "at most " + MAX_NAME + " characters")));
        }
        ApiKeys.Created created = apiKeys.create(name.asText().trim());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.id().toString());
        answer.put("name", created.name());
        answer.put("key", created.key());
        answer.put("prefix", created.prefix());
        ctx.status(201).json(answer);
    }
}
