package dev.junction.engine.guard;

import dev.junction.engine.deployment.DeploymentSpec;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What guardrails and evaluators reach outside a deployment version, one per gateway: the judge (another deployment,
 * called through the invoke path), the live specs (to check that a judge exists and calls no judge that calls back),
 * and the HTTP callouts with the hosts an operator allows them to reach ({@code JUNCTION_GUARDRAIL_CALLOUT_HOSTS}).
 * The callout hosts are an operator's decision, not an analyst's: a variant is edited by analysts, and a URL in it
 * must not let them make the gateway call an internal address.
 */
public final class GuardEnv {
    /** Asks a judge deployment, returning its answer's text; throws when it could not answer. */
    @FunctionalInterface
    public interface Judge {
        String ask(String deploymentKey, Map<String, Object> inputs, CheckContext context);
    }

    /** No judges, no callouts: for tests of other things. */
    public static final GuardEnv NONE = new GuardEnv(Set.of(), new HttpCallout());

    /** Judge calls in flight at most (each holds a model call until it ends, even past its guardrail's timeout). */
    public static final int MAX_JUDGE_CALLS = 256;
    private final java.util.concurrent.Semaphore judgeCalls = new java.util.concurrent.Semaphore(MAX_JUDGE_CALLS);
    private final Set<String> calloutHosts;
    private final HttpCallout callout;
    private volatile Judge judge;
    private volatile Function<String, Optional<DeploymentSpec>> liveSpecs = key -> Optional.empty();

    public GuardEnv(Set<String> calloutHosts, HttpCallout callout) {
        this.calloutHosts = Set.copyOf(calloutHosts);
        this.callout = callout;
    }

    /** @param calloutHosts {@code host} or {@code host:port} entries, compared case-insensitively */
    public static GuardEnv of(Set<String> calloutHosts) {
        return new GuardEnv(calloutHosts.stream().map(h -> h.trim().toLowerCase(java.util.Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(java.util.stream.Collectors.toSet()), new HttpCallout());
    }

    /** Wires the judge (the invoke service, built after this). */
    public void judge(Judge value) {
        this.judge = value;
    }

    /** Wires the live specs (the active deployments, built after this). */
    public void liveSpecs(Function<String, Optional<DeploymentSpec>> value) {
        this.liveSpecs = value;
    }

    public Optional<DeploymentSpec> liveSpec(String key) {
        return liveSpecs.apply(key);
    }

    Judge judge() {
        Judge j = judge;
        if (j == null) throw new IllegalStateException("no judge is wired in this gateway");
        return j;
    }

    /** Takes a judge call's place, or false when {@link #MAX_JUDGE_CALLS} are in flight. */
    boolean startJudgeCall() {
        return judgeCalls.tryAcquire();
    }

    void endJudgeCall() {
        judgeCalls.release();
    }

    HttpCallout callout() {
        return callout;
    }

    /** Why the gateway may not call {@code url}, or null when it may. */
    public String calloutRefusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "not a valid URL";
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null) return "must name a host";
        if (uri.getUserInfo() != null) return "must not hold a user or password (send a token from your service's side)";
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (calloutHosts.contains(host) || calloutHosts.contains(host + ":" + port)) return null;
        return calloutHosts.isEmpty()
                ? "no callout host is allowed on this gateway: an operator sets JUNCTION_GUARDRAIL_CALLOUT_HOSTS"
                : "host " + host + ":" + port + " is not in JUNCTION_GUARDRAIL_CALLOUT_HOSTS";
    }

    /** The timeout of one remote check, bounded. */
    static Duration timeout(int millis) {
        return Duration.ofMillis(Math.max(1, millis));
    }
}
