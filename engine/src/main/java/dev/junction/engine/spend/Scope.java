package dev.junction.engine.spend;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a rate limit or a budget applies to. Rate limits take {@link #WORKSPACE}, {@link #PROJECT},
 * {@link #DEPLOYMENT}, {@link #API_KEY} and {@link #IDENTITY}; budgets take those and {@link #PROVIDER} and
 * {@link #MODEL} (a model is {@code provider/model}). A limit's target is one member (a project name, a deployment
 * key, an API key id, an identity id...) or {@link #EACH}: every member separately (each identity gets 100 req/min).
 * The workspace has one member, {@code *}.
 */
public enum Scope {
    WORKSPACE("workspace"),
    PROJECT("project"),
    DEPLOYMENT("deployment"),
    API_KEY("api_key"),
    IDENTITY("identity"),
    PROVIDER("provider"),
    MODEL("model");

    /** A target that means every member of the scope, each counted on its own. */
    public static final String EACH = "*";

    private final String wire;

    Scope(String wire) {
        this.wire = wire;
    }

    /** The name in the API, the panel and routing fields ({@code api_key}). */
    public String wire() {
        return wire;
    }

    /** Whether rate limits may use this scope (provider and model are for budgets only). */
    public boolean forRateLimits() {
        return this != PROVIDER && this != MODEL;
    }

    public static Optional<Scope> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(wire)).findFirst();
    }

    public static List<String> wires(boolean rateLimits) {
        return Arrays.stream(values()).filter(s -> !rateLimits || s.forRateLimits()).map(Scope::wire).toList();
    }
}
