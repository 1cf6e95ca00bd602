package dev.junction.engine.invoke;

import java.util.UUID;

/**
 * How far a request got before it failed: its id (the log row's), the variant it was routed to and the deployment
 * version label ({@code v3}). Both front doors answer these as {@code X-Junction-*} headers, errors included.
 */
public record Routed(UUID requestId, String variant, String version) {}
