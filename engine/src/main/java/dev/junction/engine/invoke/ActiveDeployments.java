package dev.junction.engine.invoke;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live version of every deployment, by key. Activating a version swaps it in atomically; requests that
 * already hold the old one finish on it.
 */
public final class ActiveDeployments {
    private final ConcurrentHashMap<String, ActiveDeployment> byKey = new ConcurrentHashMap<>();

    public Optional<ActiveDeployment> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * Makes {@code deployment} live unless a newer version of the same deployment already is (a slow refresh
     * must not undo a later deploy; rollbacks are new, higher versions too).
     */
    public void put(ActiveDeployment deployment) {
        ActiveDeployment[] retired = new ActiveDeployment[1];
        byKey.merge(deployment.version().key(), deployment, (current, candidate) -> {
            boolean newer = candidate.version().number() >= current.version().number();
            retired[0] = newer ? current : candidate;
            return newer ? candidate : current;
        });
        // The one that lost is retired: its Drools sessions are disposed (requests still on it finish regardless).
        if (retired[0] != null) retired[0].release();
    }

    public Collection<ActiveDeployment> all() {
        return byKey.values();
    }

    /** The live versions that call {@code provider/model}, labelled {@code key@vN}, sorted. */
    public java.util.List<String> using(String provider, String model) {
        return byKey.values().stream()
                .filter(d -> d.uses(provider, model))
                .map(d -> d.version().key() + "@" + d.version().label())
                .sorted()
                .toList();
    }
}
