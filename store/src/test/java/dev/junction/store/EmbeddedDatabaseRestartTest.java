package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with SIGKILL (an OOM kill, a power cut of the JVM only) leaves its PostgreSQL running on the
 * data directory; the next start stops that leftover and comes up, with everything committed before the kill.
 */
class EmbeddedDatabaseRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void a_start_after_a_sigkill_stops_the_leftover_server_and_keeps_what_was_committed() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledGatewayMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        long leftover;
        try {
            String ready = awaitLine(child, KilledGatewayMain.READY);
            assertThat(ready).as("the child gateway started").isNotNull();
            leftover = postmasterPid();
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL is not stopped
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
                .as("the killed gateway's PostgreSQL outlives it").contains(true);

        try (Database db = Database.embedded(dataDir);
             Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM " + KilledGatewayMain.TABLE)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(KilledGatewayMain.VALUE);
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(postmasterPid()).isNotEqualTo(leftover);
        }
    }

    private long postmasterPid() throws Exception {
        List<String> lines = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        return Long.parseLong(lines.get(0).trim());
    }

    /** Reads the child's output until a line starts with {@code marker}; null when it ends first or after 90 s. */
    private static String awaitLine(Process child, String marker) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("child: " + line);
                    if (line.startsWith(marker)) return line;
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        return found.get(90, TimeUnit.SECONDS);
    }
}
