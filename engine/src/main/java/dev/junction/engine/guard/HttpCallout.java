package dev.junction.engine.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code http} guardrail's call to a team's own service: {@code POST url} with
 * {@code {"guardrail", "stage", "text", "deployment", "variant", "request_id"}}, answered by
 * {@code {"pass": true|false, "reason"?: "...", "score"?: number}}. No redirect is followed, the answer is read up to
 * 64 KB, and the whole call has the guardrail's timeout. Anything else (a status other than 2xx, no boolean
 * {@code pass}, a timeout) is an {@code ERROR} verdict, which the guardrail's {@code onError} settles.
 */
public final class HttpCallout {
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = Jackson.mapper().build();
    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Verdict call(String url, String guardrail, String text, CheckContext context, Duration timeout) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guardrail", guardrail);
        body.put("stage", context.stage());
        body.put("text", text);
        body.put("deployment", context.deploymentKey());
        body.put("variant", context.variantKey());
        body.put("request_id", context.requestId() == null ? null : context.requestId().toString());
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json").header("User-Agent", "junction-guardrail")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] answer;
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
            if (response.statusCode() / 100 != 2) return Verdict.error("the callout answered HTTP " + response.statusCode());
            if (answer.length > MAX_ANSWER_BYTES) return Verdict.error("the callout's answer is over 64 KB");
            JsonNode node = JSON.readTree(answer);
            if (node == null || !node.path("pass").isBoolean()) {
                return Verdict.error("the callout's answer has no boolean \"pass\"");
            }
            String reason = node.path("reason").isTextual() ? node.path("reason").asText() : null;
            Double score = node.path("score").isNumber() && Double.isFinite(node.path("score").asDouble())
                    ? node.path("score").asDouble() : null;
            if (node.path("pass").asBoolean()) return new Verdict(Verdict.Outcome.PASS, reason, null, score);
            return new Verdict(Verdict.Outcome.FAIL, reason == null ? "the callout said no" : reason, null, score);
        } catch (java.net.http.HttpTimeoutException e) {
            return Verdict.error("the callout did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Verdict.error("the callout failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.error("interrupted while calling out");
        } catch (IllegalArgumentException e) {
            return Verdict.error("the callout URL cannot be called");
        }
    }
}
