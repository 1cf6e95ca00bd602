package dev.junction.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's data directory holds prompts, identities and secrets: it is readable by its owner only. A new one is
 * created {@code rwx------}; an existing one we own that others may read is tightened on start, and the log says so.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private DataDirectory() {}

    /** Creates {@code dir} (owner only) or tightens it when we own it; a non-POSIX file system is left as it is. */
    public static void prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (posix(dir)) Files.setPosixFilePermissions(dir, OWNER_ONLY);
                return;
            }
            if (!posix(dir)) return;
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
            if (now.equals(OWNER_ONLY)) return;
            try {
                // Tried rather than checked by owner name: a uid with no passwd entry (docker run --user 1234) has
                // no name to look up, and only the owner (or root) may change the mode anyway.
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            } catch (java.nio.file.FileSystemException notOurs) {
                LOG.warn("the data directory {} is {} and owned by {}, not by us: others may read its secrets",
                        dir, PosixFilePermissions.toString(now), Files.getOwner(dir).getName());
                return;
            }
            LOG.warn("the data directory {} was {}; it holds secrets, so it is now rwx------ (owner only)",
                    dir, PosixFilePermissions.toString(now));
        } catch (IOException e) {
            throw new StartupFailure("could not create or secure the data directory " + dir + ": " + e, e);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
