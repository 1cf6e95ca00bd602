package dev.junction.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL still running on our data directory once we hold its {@link DataDirLock}: the gateway that started it
 * was killed (SIGKILL, an OOM kill) before it could stop it. It is stopped the way {@code pg_ctl stop} would
 * (fast shutdown: SIGINT), then harder (SIGQUIT, an immediate shutdown; SIGKILL as a last resort), each wait bounded;
 * the next start recovers from the WAL. A process is taken for ours only when {@code postmaster.pid} names it, it
 * runs a {@code postgres} binary, and its working directory (Linux; its arguments elsewhere) is our data directory.
 */
final class LeftoverPostmaster {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverPostmaster.class);
    /** How long each step waits for the postmaster to exit before the next, harder one. */
    record Waits(Duration fast, Duration immediate, Duration kill) {
        static final Waits DEFAULTS = new Waits(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private LeftoverPostmaster() {}

    /** Stops the postmaster left on {@code pgDir}, if there is one; returns at once when there is none. */
    static void stopIfRunning(Path pgDir, Waits waits) {
        Optional<ProcessHandle> leftover = find(pgDir);
        if (leftover.isEmpty()) return;
        ProcessHandle postmaster = leftover.get();
        long pid = postmaster.pid();
        long start = System.nanoTime();
        LOG.warn("a PostgreSQL (pid {}) left running by a Junction that did not stop cleanly holds {}; stopping it",
                pid, pgDir);
        signal(pid, "INT");
        if (awaitExit(postmaster, waits.fast())) {
            LOG.warn("stopped the leftover PostgreSQL (pid {}) with a fast shutdown in {} ms; it recovers from its"
                    + " write-ahead log on this start", pid, (System.nanoTime() - start) / 1_000_000);
            removeStalePidFile(pgDir, pid);
            return;
        }
        LOG.warn("the leftover PostgreSQL (pid {}) did not stop within {} ms; sending an immediate shutdown (SIGQUIT)",
                pid, waits.fast().toMillis());
        signal(pid, "QUIT");
        if (awaitExit(postmaster, waits.immediate())) {
            removeStalePidFile(pgDir, pid);
            return;
        }
        LOG.warn("the leftover PostgreSQL (pid {}) did not stop within {} ms; killing it and its processes (SIGKILL)",
                pid, waits.immediate().toMillis());
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        if (awaitExit(postmaster, waits.kill()) && children.stream().allMatch(c -> awaitExit(c, waits.kill()))) {
            removeStalePidFile(pgDir, pid);
            return;
        }
        throw new StartupFailure("a PostgreSQL left running on " + pgDir + " (pid " + pid + ") could not be stopped;"
                + " stop it (kill -9 " + pid + ") and start again", null);
    }

    /** The live postmaster {@code postmaster.pid} names, when it is a PostgreSQL on {@code pgDir}. */
    static Optional<ProcessHandle> find(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        long pid;
        try {
            if (!Files.isRegularFile(pidFile)) return Optional.empty();
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.isEmpty() || lines.get(0).isBlank()) return Optional.empty();
            pid = Math.abs(Long.parseLong(lines.get(0).trim())); // negative: a single-user backend
        } catch (IOException | NumberFormatException e) {
            LOG.warn("could not read {} ({}); PostgreSQL will judge it", pidFile, e.toString());
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) return Optional.empty(); // stale: PostgreSQL replaces it itself
        if (!running(process.get())) { // a zombie: dead, but PostgreSQL would take the file for a live server's
            removeStalePidFile(pgDir, pid);
            return Optional.empty();
        }
        if (!isPostgresOn(process.get(), pgDir)) {
            if (process.get().info().command().isPresent() && !isPostgres(process.get())) {
                // The pid was reused (after a reboot or in a container, by one of our own threads, say): the file is
                // stale, and PostgreSQL would refuse to start while the pid it names is alive.
                LOG.info("{} names process {}, which is not a PostgreSQL: the file is stale", pidFile, pid);
                removeStalePidFile(pgDir, pid);
            } else {
                LOG.info("{} names process {}, which is not a PostgreSQL on this directory; leaving it alone", pidFile, pid);
            }
            return Optional.empty();
        }
        return process;
    }

    /** Whether the process runs a {@code postgres} binary (false when its command cannot be seen). */
    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(false);
    }

    private static boolean isPostgresOn(ProcessHandle process, Path pgDir) {
        if (!isPostgres(process)) return false;
        ProcessHandle.Info info = process.info();
        Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
        try {
            if (Files.exists(Path.of("/proc/self/cwd"))) return Files.isSameFile(Files.readSymbolicLink(cwd), pgDir);
        } catch (IOException e) {
            return false;
        }
        String dir = pgDir.toAbsolutePath().normalize().toString();
        return info.arguments().map(args -> List.of(args).contains(dir)).orElse(false);
    }

    /**
     * A postmaster killed with SIGKILL leaves its {@code postmaster.pid}; as long as nobody reaps the dead process (a
     * container's init may never do it) PostgreSQL takes the zombie for a live server and refuses to start. The
     * process is gone and we hold the data directory's lock, so the file is stale: remove it.
     */
    private static void removeStalePidFile(Path pgDir, long pid) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.isRegularFile(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (!lines.isEmpty() && lines.get(0).trim().equals(Long.toString(pid))) {
                Files.delete(pidFile);
                LOG.info("removed {}, left by the stopped PostgreSQL (pid {})", pidFile, pid);
            }
        } catch (IOException e) {
            LOG.warn("could not remove the stale {} ({}); PostgreSQL may refuse to start", pidFile, e.toString());
        }
    }

    /** Alive and not a zombie (a container's init may never reap the postmaster it inherited). */
    private static boolean running(ProcessHandle process) {
        if (!process.isAlive()) return false;
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String s = Files.readString(stat);
            int end = s.lastIndexOf(')');
            return end < 0 || end + 2 >= s.length() || s.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive(); // no /proc (macOS), or it is gone already
        }
    }

    private static void signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor();
        } catch (IOException e) {
            LOG.warn("could not send SIG{} to {}: {}", signal, pid, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running(process)) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !running(process);
            }
        }
        return true;
    }
}
