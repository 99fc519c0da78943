package dev.ocrcli.util;

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

    /** {@code $XDG_CACHE_HOME/ocr-cli}, by default {@code ~/.cache/ocr-cli}: extracted natives and models. */
    public static Path cache() {
        return xdg("XDG_CACHE_HOME", ".cache").resolve(APP);
    }

    /** Directories to try, in order, for the extracted native libraries (the first may be on a noexec mount). */
    public static List<Path> nativeCacheCandidates() {
        List<Path> dirs = new ArrayList<>();
        String override = System.getProperty("ocrcli.native.dir");
        if (override != null && !override.isBlank()) {
            dirs.add(Path.of(override));
        }
        dirs.add(cache().resolve("natives"));
        dirs.add(Path.of(System.getProperty("java.io.tmpdir"), APP + "-" + System.getProperty("user.name", "user"), "natives"));
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
