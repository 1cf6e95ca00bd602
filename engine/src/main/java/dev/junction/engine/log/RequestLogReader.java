package dev.junction.engine.log;

import java.util.List;

/** Reads logged requests back (port; the store implements it over PostgreSQL). */
public interface RequestLogReader {
    /** The newest {@code limit} requests of a deployment that were routed to a variant, newest first. */
    List<RoutedRequest> recentRouted(String deploymentKey, int limit);
}
