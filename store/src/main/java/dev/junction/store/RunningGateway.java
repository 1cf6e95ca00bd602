package dev.junction.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * For a command that reads the database of a data directory beside a running gateway ({@code junction audit
 * verify}): a gateway holds the directory's {@link DataDirLock} and its embedded PostgreSQL, so a second embedded
 * server cannot start there; the command connects to the running one instead (its port from {@code postmaster.pid},
 * the password from {@code db-password}, both readable only by the directory's owner).
 */
public final class RunningGateway {
    private RunningGateway() {}

    /**
     * The JDBC URL of the embedded PostgreSQL of the gateway running on {@code dataDir}, or empty when no gateway runs
     * there (then {@link Database#embedded} may start the server itself).
     *
     * @throws StartupFailure when a gateway runs but its server's port or password cannot be read
     */
    public static Optional<String> embeddedUrl(Path dataDir) {
        if (!Files.isDirectory(dataDir)) throw new StartupFailure("no data directory " + dataDir, null);
        try (DataDirLock free = DataDirLock.acquire(dataDir)) {
            return Optional.empty();
        } catch (StartupFailure held) {
            // held: a gateway runs on it
        }
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() < 4 || !lines.get(3).strip().matches("[0-9]{1,5}")) {
                throw new StartupFailure("a gateway runs on " + dataDir + " but " + pidFile + " names no port"
                        + " (is it using an external database? then pass --database-url)", null);
            }
            String password = DbPassword.read(dataDir.resolve(DbPassword.FILE)).orElseThrow(() ->
                    new StartupFailure("no database password in " + dataDir.resolve(DbPassword.FILE), null));
            return Optional.of("jdbc:postgresql://localhost:" + lines.get(3).strip() + "/postgres?user=" + EmbeddedServer.USER
                    + "&password=" + password);
        } catch (IOException e) {
            throw new StartupFailure("could not read " + pidFile + ": " + e.getMessage(), e);
        }
    }
}
