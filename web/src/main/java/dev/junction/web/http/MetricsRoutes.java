package dev.junction.web.http;

import dev.junction.engine.log.LogPipelineStats;
import dev.junction.engine.log.RequestMetrics;
import dev.junction.engine.access.Permission;
import dev.junction.engine.access.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /metrics}: this instance's counters in the Prometheus text format (0.0.4), with an admin token
 * ({@code authorization: credentials_file} in a Prometheus scrape config). Requests, latency and time-to-first-token
 * histograms come from the request log ({@link RequestMetrics}); queue depth and spill from the log writer; rate
 * limits, budgets and their thresholds, and 429 refusals from {@link QuotaGauges}.
 */
public final class MetricsRoutes implements Routes {
    private final RequestMetrics metrics;
    private final LogPipelineStats pipeline;
    private final Function<String, Optional<Principal>> adminTokens;
    private final QuotaGauges quotas;

    public MetricsRoutes(RequestMetrics metrics, LogPipelineStats pipeline, Function<String, Optional<Principal>> adminTokens,
                         QuotaGauges quotas) {
        this.metrics = metrics;
        this.pipeline = pipeline;
        this.adminTokens = adminTokens;
        this.quotas = quotas;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        // a token (no cookie: scrapers are machines) whose role views everything: per-deployment figures are in here
        Auth.authenticate(ctx, adminTokens, null);
        Principal principal = Auth.principal(ctx);
        if (!principal.canEverywhere(Permission.VIEW)) {
            throw new ApiError(403, "'" + principal.name() + "' may not read /metrics: it needs the view permission on everything",
                    null, null);
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(render(metrics.snapshot(), pipeline, quotas));
    }

    static String render(RequestMetrics.Snapshot s, LogPipelineStats p, QuotaGauges quotas) {
        StringBuilder out = new StringBuilder(4096);
        counter(out, "junction_requests_total", "Requests by deployment and final status.",
                List.of("deployment", "status"), s.requests());
        histogram(out, "junction_request_duration_seconds", "Request latency in the gateway, by deployment.", s.latency());
        histogram(out, "junction_time_to_first_token_seconds", "Streams: time to the first piece of text, by deployment.", s.ttft());
        counter(out, "junction_attempts_total", "Calls to models by provider, model and outcome.",
                List.of("provider", "model", "outcome"), s.attempts());
        counter(out, "junction_retries_total", "Retries on the same model, by deployment and the failed attempt's reason.",
                List.of("deployment", "reason"), s.retries());
        counter(out, "junction_fallbacks_total", "Moves to the fallback model, by deployment and the failed attempt's reason.",
                List.of("deployment", "reason"), s.fallbacks());
        gauge(out, "junction_log_queue_depth", "Request log entries waiting to be written.", p.queued());
        simpleCounter(out, "junction_log_written_total", "Request log entries written to the database.", p.written());
        simpleCounter(out, "junction_log_dropped_total", "Request log entries lost (queue full or closed).", p.dropped());
        simpleCounter(out, "junction_log_spilled_total", "Request log entries spilled to disk while the database was away.", p.spilled());
        gauge(out, "junction_log_spill_pending", "Request log entries in the spill file, not written yet.", p.spillPending());
        gauge(out, "junction_log_spill_bytes", "Size of the spill file in bytes.", p.spillBytes());
        quotas.render(out);
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static void counter(StringBuilder out, String name, String help, List<String> labels, Map<List<String>, Long> values) {
        header(out, name, help, "counter");
        values.forEach((k, v) -> out.append(name).append(labels(labels, k)).append(' ').append(v).append('\n'));
    }

    private static void simpleCounter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void histogram(StringBuilder out, String name, String help, Map<String, RequestMetrics.HistogramSnapshot> values) {
        header(out, name, help, "histogram");
        values.forEach((deployment, h) -> {
            String d = "deployment=\"" + escape(deployment) + "\"";
            for (int i = 0; i < h.buckets().length; i++) {
                String le = i < RequestMetrics.LATENCY_BOUNDS.length ? number(RequestMetrics.LATENCY_BOUNDS[i]) : "+Inf";
                out.append(name).append("_bucket{").append(d).append(",le=\"").append(le).append("\"} ")
                        .append(h.buckets()[i]).append('\n');
            }
            out.append(name).append("_sum{").append(d).append("} ").append(number(h.sum())).append('\n');
            out.append(name).append("_count{").append(d).append("} ").append(h.count()).append('\n');
        });
    }

    static String labels(List<String> names, List<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) b.append(',');
            b.append(names.get(i)).append("=\"").append(escape(values.get(i))).append('"');
        }
        return b.append('}').toString();
    }

    /** Label values: backslash, double quote and line feed escaped, as the format says. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.format(Locale.ROOT, "%.1f", d);
        return Double.toString(d);
    }
}
