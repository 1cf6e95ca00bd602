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
import java.time.Duration;
import java.util.List;
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
        long leftover = killGatewayLeavingItsPostgres();

        try (Database db = Database.embedded(dataDir)) {
            assertThat(probe(db)).isEqualTo(KilledGatewayMain.VALUE);
            assertThat(running(leftover)).as("the leftover was stopped").isFalse();
            assertThat(postmasterPid()).isNotEqualTo(leftover);
        }
    }

    @Test
    void a_leftover_server_that_ignores_the_shutdown_signals_is_killed_and_the_start_still_works() throws Exception {
        long leftover = killGatewayLeavingItsPostgres();
        signal(leftover, "STOP"); // frozen: SIGINT and SIGQUIT wait, only SIGKILL ends it
        try {
            LeftoverPostmaster.stopIfRunning(dataDir.resolve("postgres").toAbsolutePath(),
                    new LeftoverPostmaster.Waits(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(10)));
            try (Database db = Database.embedded(dataDir)) {
                assertThat(probe(db)).isEqualTo(KilledGatewayMain.VALUE);
            }
        } finally {
            ProcessHandle.of(leftover).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void a_pid_file_naming_a_live_process_that_is_not_postgres_is_stale_and_removed() throws Exception {
        // After a reboot, or in a container, the pid a killed postmaster had may belong to another process. Run as
        // another user than root, PostgreSQL refuses to start ("lock file already exists") while that pid is alive
        // (as root it runs in its own user namespace, where the check cannot see the process: hence a direct test).
        Path pgDir = Files.createDirectories(dataDir.resolve("postgres"));
        Path pidFile = pgDir.resolve("postmaster.pid");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(pidFile, other.pid() + "\n" + pgDir + "\n0\n5432\n");
            assertThat(LeftoverPostmaster.find(pgDir)).isEmpty();
            assertThat(pidFile).as("the stale pid file is removed").doesNotExist();
            assertThat(other.isAlive()).as("the other process is left alone").isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    /** Starts a gateway's database in a child JVM, commits a row there, SIGKILLs the JVM: returns its postmaster. */
    private long killGatewayLeavingItsPostgres() throws Exception {
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
        return leftover;
    }

    private static String probe(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT v FROM " + KilledGatewayMain.TABLE)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    /** Alive and not a zombie (nobody may reap the orphaned postmaster soon: this machine's init does not). */
    private static boolean running(long pid) throws Exception {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (!Files.exists(stat)) return true;
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        }
        return false;
    }

    private static void signal(long pid, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start().waitFor()).isZero();
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
