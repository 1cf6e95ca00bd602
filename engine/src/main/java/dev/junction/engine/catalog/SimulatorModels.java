package dev.junction.engine.catalog;

import java.math.BigDecimal;
import java.util.List;

/** The simulator's models as catalog entries: free, active, with the context windows they simulate. */
public final class SimulatorModels {
    private SimulatorModels() {}

    public static List<CatalogModel> all() {
        return List.of(
                model("echo", 128_000),
                model("slow", 128_000),
                model("flaky", 128_000),
                model("rate-limited", 128_000),
                model("broken", 128_000),
                model("tiny-context", 32),
                model("cut-stream", 128_000));
    }

    private static CatalogModel model(String name, int contextWindow) {
        return new CatalogModel("simulator", name, contextWindow, Math.min(contextWindow, 4096),
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, true);
    }
}
