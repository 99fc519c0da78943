package dev.ocrcli.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Writes files so that they appear whole or not at all: a temporary file in the same folder, then a rename. */
public final class AtomicFiles {
    /** Prefix and suffix of the temporary files (hidden, so folder scans skip them). */
    static final String TEMP_PREFIX = ".ocr-cli-";
    static final String TEMP_SUFFIX = ".part";

    /** Temporary files being written now, so that an interrupted run can take them away. */
    private static final Set<Path> UNFINISHED = ConcurrentHashMap.newKeySet();
    private static volatile boolean abandoned;

    private AtomicFiles() {}

    /** What writes the content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically, creating its folder; on failure nothing is left behind. */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTemp(dir, target.getFileName().toString());
        UNFINISHED.add(tmp);
        try {
            if (abandoned) {  // checked after registering: a stop either sees this file or this write sees the stop
                throw new IOException("stopping: " + target + " not written");
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            UNFINISHED.remove(tmp);
        }
    }

    /**
     * A new empty file beside the target. Not {@link Files#createTempFile}: its files are private
     * (mode 600) and would stay so after the rename; this one gets the permissions any new file gets
     * (the umask's), like a file the user's shell would write.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String id = Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createFile(dir.resolve(TEMP_PREFIX + name + "." + id + TEMP_SUFFIX));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * For a process being stopped (Ctrl-C): deletes the temporary files of writes still under way
     * and refuses new ones, so that what the stop leaves is the finished files and nothing else.
     */
    public static void abandonUnfinished() {
        abandoned = true;
        for (Path tmp : UNFINISHED) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // left behind: hidden, and skipped by folder scans
            }
        }
    }
}
