package dev.junction.web;

import dev.junction.store.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a start tells its operator: where the admin token is, the seeded demo, and a request to try. */
final class Welcome {
    private static final Logger LOG = LoggerFactory.getLogger(Welcome.class);
    static final String DEMO_KEY_FILE = "demo-api-key";

    private Welcome() {}

    /** Keeps the demo API key, readable by the owner only, for the welcome's curl line. */
    static void writeDemoKey(Path dataDir, String key) {
        try {
            PrivateFile.write(dataDir.resolve(DEMO_KEY_FILE), key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo API key into " + dataDir, e);
        }
    }

    static void print(Settings settings, int port, AdminToken adminToken, boolean seeded) {
        Path demoKey = settings.dataDir().resolve(DEMO_KEY_FILE);
        StringBuilder out = new StringBuilder();
        if (adminToken.wasGenerated()) {
            out.append("\n  Admin token (for /api) written to ").append(settings.dataDir().resolve("admin-token"));
        }
        if (seeded) out.append("\n  Seeded the demo deployment '").append(DemoDeployment.KEY).append("' and a demo API key.");
        if (Files.exists(demoKey)) {
            out.append("\n  Try it:\n    curl -s http://").append(settings.bind()).append(':').append(port)
               .append("/v2/deployments/invoke \\\n")
               .append("      -H \"Authorization: Bearer $(cat ").append(demoKey).append(")\" \\\n")
               .append("      -H 'Content-Type: application/json' \\\n")
               .append("      -d '{\"key\":\"customer-support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"Where is my order?\"}}'\n");
        }
        if (!out.isEmpty()) LOG.info("{}", out);
    }
}
