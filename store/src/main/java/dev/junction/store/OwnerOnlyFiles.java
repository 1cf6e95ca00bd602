package dev.junction.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files only their owner may read (0700 and 0600), for what holds prompts and identities. On a file
 * system without POSIX permissions (Windows) they are made as the system makes them.
 */
final class OwnerOnlyFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String DIR_MODE = "rwx------";
    private static final String FILE_MODE = "rw-------";

    private OwnerOnlyFiles() {}

    /** Creates the directory 0700, or takes an existing one's permissions down to 0700. */
    static void directory(Path dir) throws IOException {
        if (!POSIX) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(DIR_MODE));
    }

    /** Takes an existing file's permissions down to 0600. */
    static void tighten(Path file) throws IOException {
        if (POSIX) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(FILE_MODE));
    }

    /** Forces a directory's entries (a file just created or renamed in it) to disk, where the file system allows it. */
    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a directory be opened or forced; the files' own contents are on disk
        }
    }

    /** Opens a file for writing, created 0600 when {@code create} makes it. */
    static FileChannel openForWriting(Path file, StandardOpenOption create) throws IOException {
        FileAttribute<?>[] mode = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(FILE_MODE))}
                : new FileAttribute<?>[0];
        return FileChannel.open(file, Set.of(create, StandardOpenOption.WRITE), mode);
    }
}
