package dev.junction.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Secrets on disk: a file only its owner can read, written whole (a temporary file forced to disk, then renamed). */
public final class PrivateFile {
    private PrivateFile() {}

    /** Writes {@code content} and a newline to {@code file}, readable and writable by its owner only. */
    public static void write(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel out = OwnerOnlyFiles.openForWriting(tmp, StandardOpenOption.CREATE_NEW)) {
            ByteBuffer bytes = ByteBuffer.wrap((content + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) out.write(bytes);
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        OwnerOnlyFiles.forceDirectory(dir); // the rename survives a power cut: a cluster needing db-password finds it
    }
}
