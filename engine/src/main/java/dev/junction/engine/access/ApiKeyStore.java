package dev.junction.engine.access;

import java.util.List;

/** Where API keys are kept (port). */
public interface ApiKeyStore {
    void insert(ApiKeyRecord key);

    /** Keys that are not revoked. */
    List<ApiKeyRecord> active();
}
