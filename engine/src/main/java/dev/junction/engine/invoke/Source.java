package dev.junction.engine.invoke;

/**
 * Where a request came from, as logs record it. An SDK is recognised by its user agent. {@code JUDGE}: the gateway
 * itself, asking a judge deployment on behalf of a guardrail or an evaluator of another request.
 */
public enum Source {
    API, SDK, SIMULATOR, JUDGE
}
