package dev.ocrcli.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Per-user directories of the tool, following the XDG base directory conventions. */
public final class AppDirs {
    private static final String APP = "ocr-cli";

    private AppDirs() {}

    /** {@code $XDG_DATA_HOME/ocr-cli/tessdata}, by default {@code ~/.local/share/ocr-cli/tessdata}: installed languages. */
    public static Path userTessdata() {
        return xdg("XDG_DATA_HOME", ".local/share").resolve(APP).resolve("tessdata");
    }

    /**
     * {@code $XDG_CACHE_HOME/ocr-cli}, by default {@code ~/.cache/ocr-cli}: extracted natives and models;
     * the system property {@code ocrcli.cache.dir} overrides it, and when it cannot be created or
     * written, {@code $TMPDIR/ocr-cli-USER/cache} is used instead.
     */
    public static Path cache() {
        String override = System.getProperty("ocrcli.cache.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path dir = xdg("XDG_CACHE_HOME", ".cache").resolve(APP);
        // e.g. a Spark or YARN executor whose home is missing or read-only: a per-user temporary one
        return writable(dir) ? dir : tmp().resolve("cache");
    }

    private static Path tmp() {
        return Path.of(System.getProperty("java.io.tmpdir"), APP + "-" + System.getProperty("user.name", "user"));
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Directories to try, in order, for the extracted native libraries (the first may be on a noexec mount). */
    public static List<Path> nativeCacheCandidates() {
        List<Path> dirs = new ArrayList<>();
        String override = System.getProperty("ocrcli.native.dir");
        if (override != null && !override.isBlank()) {
            dirs.add(Path.of(override));
        }
        dirs.add(cache().resolve("natives"));
        dirs.add(tmp().resolve("natives"));
        return dirs;
    }

    private static Path xdg(String env, String fallback) {
        String v = System.getenv(env);
        if (v != null && !v.isBlank() && Path.of(v).isAbsolute()) {
            return Path.of(v);
        }
        return Path.of(System.getProperty("user.home")).resolve(fallback);
    }
}
