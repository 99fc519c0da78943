package dev.ocrcli.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.util.AppDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes libtesseract and libleptonica from the {@code org.bytedeco} classifier jars loadable by
 * Tess4J, with no system installation.
 *
 * <p>The two shared libraries are copied out of the class path into a per-user cache directory
 * named after their content (so two versions never collide, and parallel JVMs agree through
 * atomic renames), given the unversioned names JNA asks for, put first on
 * {@code jna.library.path}, and loaded leptonica first so that libtesseract's dependency is
 * satisfied by the matching copy. See {@code ../shared/notes/natives.md} for why.
 *
 * <p>Leptonica's own stderr messages are silenced here too ({@link #leptonicaMessages}), through
 * its {@code setMsgSeverity} called by JNA on the library just loaded, not through Lept4J, whose
 * class registers every Leptonica function when it loads.
 */
public final class NativeLibraries {
    private static final Logger log = LoggerFactory.getLogger(NativeLibraries.class);

    /** One native library inside a classifier jar. */
    private record Lib(String resourceDir, String file, String unversionedName) {}

    private static volatile Path loadedFrom;

    /** Leptonica's {@code L_SEVERITY_NONE} (environ.h): no message at all. */
    private static final int LEPT_SEVERITY_NONE = 6;
    /** Whether Leptonica may print its own {@code Error in ...:} lines on stderr (see {@link #leptonicaMessages}). */
    private static volatile boolean leptonicaMessages;
    /** The loaded libleptonica, once {@link #load()} has run. */
    private static volatile NativeLibrary leptonica;
    /** Leptonica's own severity before we first changed it, to give back when messages are wanted again; -1 until then. */
    private static int leptonicaDefaultSeverity = -1;
    /** Guards the three above, apart from {@link #load()}'s lock so setting them never waits for extraction. */
    private static final Object LEPT_LOCK = new Object();

    private NativeLibraries() {}

    /**
     * Whether Leptonica prints its messages ({@code Error in boxClipToRectangle: ...}) straight to
     * stderr; off by default. ocr-cli reports every problem that matters in its own one line, so
     * these are noise for a user (the command line shows them with {@code -vv}). Applies at once
     * when the library is loaded, else when {@link #load()} loads it. Process-wide: Leptonica keeps
     * one severity.
     */
    public static void leptonicaMessages(boolean show) {
        synchronized (LEPT_LOCK) {
            leptonicaMessages = show;
            if (leptonica != null) {
                setLeptonicaSeverity(leptonica);
            }
        }
    }

    /** Sets Leptonica's severity from {@link #leptonicaMessages}; the caller holds {@link #LEPT_LOCK}. */
    private static void setLeptonicaSeverity(NativeLibrary lib) {
        try {
            Function set = lib.getFunction("setMsgSeverity");
            if (leptonicaMessages) {
                if (leptonicaDefaultSeverity >= 0) {
                    set.invokeInt(new Object[] {leptonicaDefaultSeverity});
                }
            } else {
                int before = set.invokeInt(new Object[] {LEPT_SEVERITY_NONE});
                if (leptonicaDefaultSeverity < 0) {
                    leptonicaDefaultSeverity = before;
                }
            }
        } catch (UnsatisfiedLinkError e) {
            log.debug("cannot set Leptonica's message severity: {}", e.toString());
        }
    }

    /**
     * The platform name used by the classifier jars ({@code linux-x86_64}, ...), or the raw
     * {@code os.name/os.arch} when it is not one we know.
     */
    public static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os;
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return o + "-" + a;
    }

    /**
     * Loads the native libraries once per JVM; later calls return immediately.
     *
     * @return the directory the libraries were loaded from
     * @throws OcrException of kind {@link Kind#NATIVE_UNAVAILABLE} on an unsupported platform or
     *                      when the libraries cannot be loaded
     */
    public static synchronized Path load() {
        if (loadedFrom != null) {
            return loadedFrom;
        }
        System.setProperty("jna.encoding", "UTF8");
        String platform = platform();
        if (!platform.equals("linux-x86_64")) {
            throw new OcrException(Kind.NATIVE_UNAVAILABLE,
                    "unsupported platform " + platform + " (" + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                            + "); this build bundles Tesseract for linux-x86_64 only");
        }
        List<Lib> libs = List.of(
                new Lib("org/bytedeco/leptonica/" + platform, "libleptonica.so.6", "libleptonica.so"),
                new Lib("org/bytedeco/tesseract/" + platform, "libtesseract.so.5.5", "libtesseract.so"));
        // JNA's own stub: left to JNA, it is unpacked to a new temporary file (134 KB) and deleted
        // again by every process; kept in the same cache, a start only stats it
        Lib jnaStub = new Lib("com/sun/jna/linux-x86-64", "libjnidispatch.so", "libjnidispatch.so");
        List<Lib> files = List.of(libs.get(0), libs.get(1), jnaStub);
        List<String> problems = new ArrayList<>();
        for (Path base : AppDirs.nativeCacheCandidates()) {
            try {
                Path dir = extract(base, files);
                String old = System.getProperty("jna.library.path");
                System.setProperty("jna.library.path", old == null || old.isEmpty() ? dir.toString() : dir + java.io.File.pathSeparator + old);
                if (System.getProperty("jna.boot.library.path") == null) {
                    // read when JNA's first class initialises, just below; JNA still falls back to
                    // unpacking its own copy if this one does not load
                    System.setProperty("jna.boot.library.path", dir.toString());
                }
                List<NativeLibrary> loaded = new ArrayList<>();
                for (Lib lib : libs) {
                    loaded.add(NativeLibrary.getInstance(dir.resolve(lib.file()).toString()));
                }
                synchronized (LEPT_LOCK) {
                    leptonica = loaded.get(0);
                    setLeptonicaSeverity(leptonica);
                }
                log.debug("native libraries loaded from {}", dir);
                loadedFrom = dir;
                return dir;
            } catch (IOException | UnsatisfiedLinkError e) {
                // e.g. a cache directory on a noexec mount: try the next candidate
                problems.add(base + ": " + e.getMessage());
                log.debug("cannot load natives from {}: {}", base, e.toString());
            }
        }
        throw new OcrException(Kind.NATIVE_UNAVAILABLE,
                "cannot load the bundled Tesseract libraries (needs glibc >= 2.34): " + String.join("; ", problems));
    }

    /**
     * Starts loading the native libraries and Tess4J's binding to them on a daemon thread and
     * returns at once, for a caller that knows an engine will be built soon and has other start-up
     * work (parsing its command line) to do meanwhile. A failure is left for {@link #load()} to
     * report when the engine is built.
     */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                load();
                net.sourceforge.tess4j.TessAPI.INSTANCE.hashCode();
            } catch (RuntimeException | LinkageError e) {
                // also when the process exits first (JNA's initialiser fails during shutdown)
                log.debug("native preload failed: {}", e.toString());
            }
        }, "native-preload");
        t.setDaemon(true);
        t.start();
    }

    private static Path extract(Path base, List<Lib> libs) throws IOException {
        // Name the directory after the entries' CRCs and sizes: content-derived and cheap to read.
        StringBuilder id = new StringBuilder();
        List<URL> urls = new ArrayList<>();
        for (Lib lib : libs) {
            URL url = NativeLibraries.class.getClassLoader().getResource(lib.resourceDir() + "/" + lib.file());
            if (url == null) {
                throw new OcrException(Kind.NATIVE_UNAVAILABLE, "native library " + lib.file() + " for " + platform()
                        + " is missing from the class path (the org.bytedeco " + platform() + " jars)");
            }
            urls.add(url);
            id.append(contentId(url)).append('-');
        }
        Path dir = base.resolve(Integer.toHexString(id.toString().hashCode()) + "-" + id.length());
        Files.createDirectories(dir);
        for (int i = 0; i < libs.size(); i++) {
            Lib lib = libs.get(i);
            Path target = dir.resolve(lib.file());
            long expected = size(urls.get(i));
            if (!Files.isRegularFile(target) || (expected >= 0 && Files.size(target) != expected)) {
                Path tmp = Files.createTempFile(dir, lib.file(), ".tmp");
                try (InputStream in = urls.get(i).openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    moveAtomically(tmp, target);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            Path link = dir.resolve(lib.unversionedName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Path tmpLink = dir.resolve(lib.unversionedName() + "." + ProcessHandle.current().pid() + ".lnk");
                Files.deleteIfExists(tmpLink);
                try {
                    Files.createSymbolicLink(tmpLink, Path.of(lib.file()));
                    moveAtomically(tmpLink, link);
                } catch (FileAlreadyExistsException ignored) {
                    // another JVM made it first
                } finally {
                    Files.deleteIfExists(tmpLink);
                }
            }
        }
        return dir;
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String contentId(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) {
            var entry = jar.getJarEntry();
            return Long.toHexString(entry.getCrc()) + ":" + entry.getSize();
        }
        if ("file".equals(url.getProtocol())) {
            try {
                Path p = Path.of(url.toURI());
                return Long.toHexString(Files.getLastModifiedTime(p).toMillis()) + ":" + Files.size(p);
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return Long.toString(c.getContentLengthLong());
    }

    private static long size(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) {
            return jar.getJarEntry().getSize();
        }
        return c.getContentLengthLong();
    }
}
