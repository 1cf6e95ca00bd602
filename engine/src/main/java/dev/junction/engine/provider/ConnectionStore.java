package dev.junction.engine.provider;

import java.util.List;
import java.util.Optional;

/** Stored provider connections (port). Implementations keep the API key encrypted at rest. */
public interface ConnectionStore {
    List<ProviderConnection> all();

    Optional<ProviderConnection> find(String name);

    /** Inserts or replaces the connection of that name. */
    void save(ProviderConnection connection);

    /** @return whether there was such a connection */
    boolean delete(String name);
}
