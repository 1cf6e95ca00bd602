package dev.junction.engine.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code http} guardrail's call to a team's own service: {@code POST url} with
 * {@code {"guardrail", "stage", "text", "deployment", "variant", "request_id"}}, answered by
 * {@code {"pass": true|false, "reason"?: "...", "score"?: number}}. No redirect is followed, the answer is read up to
 * 64 KB, and the whole call (headers and body) has the guardrail's timeout; the URL's host is checked against the
 * operator's list on every call, so a host taken off the list stops being called by versions made before. Anything else (a status other than 2xx, no boolean
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
        String refused = context.env().calloutRefusal(url); // the operator's list now, not when the version was made
        if (refused != null) return Verdict.error("the callout URL is refused: " + refused);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("guardrail", guardrail);
        body.put("stage", context.stage());
        body.put("text", text);
        body.put("deployment", context.deploymentKey());
        body.put("variant", context.variantKey());
        body.put("request_id", context.requestId() == null ? null : context.requestId().toString());
        CompletableFuture<HttpResponse<byte[]>> call;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json").header("User-Agent", "junction-guardrail")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            call = client.sendAsync(request, info -> new Capped(MAX_ANSWER_BYTES));
        } catch (IOException | IllegalArgumentException e) {
            return Verdict.error("the callout URL cannot be called");
        }
        HttpResponse<byte[]> response;
        try {
            // the whole call, headers and body, within the guardrail's time: a service that trickles is cut off
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return Verdict.error("the callout did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return Verdict.error("the callout did not answer within " + timeout.toMillis() + " ms");
            }
            if (cause instanceof TooLarge) return Verdict.error("the callout's answer is over 64 KB");
            return Verdict.error("the callout failed: " + (cause == null ? "?" : cause.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return Verdict.error("interrupted while calling out");
        }
        if (response.statusCode() / 100 != 2) return Verdict.error("the callout answered HTTP " + response.statusCode());
        Verdict verdict = JudgeAnswer.fromJson(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        if (verdict.outcome() == Verdict.Outcome.SCORE) return Verdict.error("the callout's answer has no boolean \"pass\"");
        if (verdict.outcome() == Verdict.Outcome.ERROR) return Verdict.error("the callout's answer: " + verdict.reason());
        return verdict.outcome() == Verdict.Outcome.FAIL && verdict.reason() == null
                ? new Verdict(Verdict.Outcome.FAIL, "the callout said no", null, verdict.score()) : verdict;
    }

    /** An answer past the size bound. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large", null);
        }
    }

    /** Collects a body up to {@code max} bytes; beyond, cancels the exchange and fails. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> buffers) {
            if (result.isDone()) return;
            for (java.nio.ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
