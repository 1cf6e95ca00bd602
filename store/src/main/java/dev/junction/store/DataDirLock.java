package dev.junction.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One running gateway per data directory: a lock on {@code junction.lock}, held for the gateway's lifetime. The
 * operating system releases it when the process dies, SIGKILL included, so a held lock means a live owner and a free
 * one means that whatever still runs on the directory (a PostgreSQL) was left by a gateway that is gone.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "junction.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StartupFailure when another running gateway holds the directory */
    static DataDirLock acquire(Path dataDir) {
        return acquire(dataDir.resolve(FILE), "the data directory " + dataDir + " is in use by another running Junction;"
                + " stop it, or give this one its own --data-dir");
    }

    /**
     * Locks {@code file} (created 0600) for this process's lifetime.
     *
     * @throws StartupFailure with {@code inUse} when another process (or this one) holds it
     */
    static DataDirLock acquire(Path file, String inUse) {
        try {
            FileChannel channel = OwnerOnlyFiles.openForWriting(file, StandardOpenOption.CREATE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StartupFailure(inUse, null);
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new StartupFailure("could not lock " + file + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // closing the channel releases the lock in any case
        }
    }
}
