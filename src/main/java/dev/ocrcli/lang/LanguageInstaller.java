package dev.ocrcli.lang;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Installs and removes language models in a data directory (by default the per-user one).
 *
 * <p>A model is fetched into a hidden staging folder inside the target directory, checked by
 * actually loading it into Tesseract, and only then renamed into place, atomically; on any
 * failure the staging folder is deleted, so nothing half-written is ever left behind.
 */
public final class LanguageInstaller {
    private static final Logger log = LoggerFactory.getLogger(LanguageInstaller.class);

    /** Tesseract's fast integer models, the same family Debian packages. */
    public static final String DEFAULT_BASE_URL = "https://github.com/tesseract-ocr/tessdata_fast/raw/main/";

    /**
     * Which kind of model to install.
     *
     * @param defaultSource where it comes from unless {@code --from} says otherwise
     */
    public enum Variant {
        /** Tesseract's fast integer LSTM models (tessdata_fast), what Debian packages: the default. */
        FAST("https://github.com/tesseract-ocr/tessdata_fast/raw/main/"),
        /** The float LSTM models (tessdata_best): a little more accurate, several times slower, the ones to fine-tune. */
        BEST("https://github.com/tesseract-ocr/tessdata_best/raw/main/"),
        /**
         * Models that also carry Tesseract's legacy engine (the {@code tessdata} repository's, as the
         * npm packages {@code @tesseract.js-data/NAME} ship them): installed as {@code legacy/NAME},
         * beside the LSTM model, and read by the {@code vote} step as one more independent reading.
         */
        LEGACY(NpmModels.REGISTRY);

        private final String defaultSource;

        Variant(String defaultSource) {
            this.defaultSource = defaultSource;
        }

        public String defaultSource() {
            return defaultSource;
        }

        /** The name the model is installed under: {@code NAME}, or {@code legacy/NAME}. */
        public String installedName(String name) {
            return this == LEGACY ? "legacy/" + name : name;
        }

        /** Parses {@code fast}, {@code best}, {@code legacy}. */
        public static Variant parse(String s) {
            for (Variant v : values()) {
                if (v.name().equalsIgnoreCase(s.strip())) {
                    return v;
                }
            }
            throw new OcrException(Kind.BAD_ARGUMENT, "unknown model variant '" + s + "' (use fast, best or legacy)");
        }
    }

    /** Proves a model loads into Tesseract (the engine's check, handed in so this package needs no engine). */
    @FunctionalInterface
    public interface LoadCheck {
        /**
         * @param dataDir the directory holding {@code NAME.traineddata}
         * @param name    the model's name
         * @param legacy  load it with the legacy engine
         * @throws OcrException INSTALL_FAILED when Tesseract refuses it
         */
        void loads(Path dataDir, String name, boolean legacy);
    }
    /** Larger downloads are refused (the biggest official models are around 100 MB). */
    private static final long MAX_BYTES = 512L << 20;
    private static final String SUFFIX = ".traineddata";
    private static final int READ_TIMEOUT_MS = 60_000;

    private final Path targetDir;
    private final LoadCheck check;

    /**
     * @param targetDir where models are installed, e.g. {@link dev.ocrcli.util.AppDirs#userTessdata()}
     * @param check     proves a fetched model loads (the engine's {@code ModelCheck::loads})
     */
    public LanguageInstaller(Path targetDir, LoadCheck check) {
        this.targetDir = targetDir.toAbsolutePath().normalize();
        this.check = check;
    }

    public Path targetDir() {
        return targetDir;
    }

    /** Installs one language's fast model; see {@link #install(String, String, Variant)}. */
    public Path install(String name, String from) {
        return install(name, from, Variant.FAST);
    }

    /**
     * Installs one language.
     *
     * @param name    language name, e.g. {@code deu} or {@code script/Latin}
     * @param from    a base URL ({@code http(s)://...}, the file name is appended), a folder holding
     *                {@code NAME.traineddata} (or {@code NAME.traineddata.gz}), or null for the variant's default source
     * @param variant which kind of model
     * @return the installed file
     */
    public Path install(String name, String from, Variant variant) {
        if (!TessdataLocator.isValidName(name) || variant == Variant.LEGACY && name.contains("/")) {
            throw new OcrException(Kind.BAD_ARGUMENT, "invalid language name '" + name + "'");
        }
        String installed = variant.installedName(name);
        String source = from == null || from.isBlank() ? variant.defaultSource() : from;
        Path staging = null;
        try {
            Files.createDirectories(targetDir);
            staging = Files.createTempDirectory(targetDir, ".install-");
            Path staged = staging.resolve(installed + SUFFIX);
            Files.createDirectories(staged.getParent());
            boolean http = source.startsWith("http://") || source.startsWith("https://");
            if (variant == Variant.LEGACY && http && (source.equals(NpmModels.REGISTRY) || source.endsWith(".tgz"))) {
                NpmModels.fetch(source, name, staging.resolve(".download.tgz"), staged);
            } else if (http) {
                download(URI.create(source.endsWith("/") || source.endsWith(SUFFIX) ? source : source + "/"), name, staged);
            } else {
                copyFromDir(Path.of(source), name, staged);
            }
            ModelInfo info;
            try {
                info = ModelInfo.read(staged);
            } catch (IOException e) {
                throw new OcrException(Kind.INSTALL_FAILED, name + ": the fetched file is not a Tesseract model (" + e.getMessage() + ")");
            }
            if (variant == Variant.LEGACY && !info.hasLegacy()) {
                throw new OcrException(Kind.INSTALL_FAILED, name + ": the fetched model has no legacy engine (only "
                        + (info.hasLstm() ? "the LSTM" : "nothing Tesseract runs") + "); not installed");
            }
            check.loads(staging, installed, variant == Variant.LEGACY);
            Path target = targetDir.resolve(installed + SUFFIX);
            Files.createDirectories(target.getParent());
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
            }
            log.debug("installed {} into {}", installed, target);
            return target;
        } catch (IOException e) {
            throw new OcrException(Kind.INSTALL_FAILED, name + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /**
     * Removes an installed language from the target directory.
     *
     * @return the file removed
     * @throws OcrException LANGUAGE_MISSING when it is installed nowhere; INSTALL_FAILED when it is
     *                      found elsewhere (a system package, the jar, another directory), saying where
     *                      and who owns it, or when it cannot be deleted
     */
    public Path remove(String name) {
        if (!TessdataLocator.isValidName(name)) {
            throw new OcrException(Kind.BAD_ARGUMENT, "invalid language name '" + name + "'");
        }
        Path f = targetDir.resolve(name + SUFFIX);
        try {
            Files.delete(f);
            return f;
        } catch (NoSuchFileException e) {
            throw notHere(name);
        } catch (IOException e) {
            throw new OcrException(Kind.INSTALL_FAILED, "cannot remove " + f + ": " + e.getMessage(), e);
        }
    }

    /** Why a language that is not in the target directory cannot be removed: where it is instead, and who owns it. */
    private OcrException notHere(String name) {
        LanguagePack p = TessdataLocator.standard(null).available().get(name);
        if (p == null) {
            return new OcrException(Kind.LANGUAGE_MISSING, "language '" + name + "' is not installed (nothing to remove in " + targetDir + ")");
        }
        return switch (p.source()) {
            case SYSTEM -> {
                String owner = SystemPackages.owner(p.file());
                String pkg = owner != null ? owner : TessdataLocator.debianPackage(name);
                yield new OcrException(Kind.INSTALL_FAILED, "cannot remove '" + name + "': it is " + p.file()
                        + ", owned by the system's package manager (" + (owner != null ? "" : "probably ") + "package " + pkg
                        + "), not by ocr-cli; remove it with 'apt-get remove " + pkg + "'");
            }
            case BUNDLED -> new OcrException(Kind.INSTALL_FAILED, "cannot remove '" + name + "': it is built into ocr-cli.jar");
            default -> new OcrException(Kind.INSTALL_FAILED, "cannot remove '" + name + "': it is " + p.file() + " (found through "
                    + p.source().label() + "), not in " + targetDir + ", where 'langs install' puts models; delete that file yourself");
        };
    }

    private static void download(URI base, String name, Path dest) throws IOException {
        String b = base.toString();
        URI uri = b.endsWith(SUFFIX) || b.endsWith(".tgz") || b.endsWith(".json") || !b.endsWith("/") ? base : base.resolve(name + SUFFIX);
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection();
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new OcrException(Kind.BAD_ARGUMENT, name + ": not a valid http(s) URL: " + uri);
        }
        // a read timeout (not just a connect timeout) so a stalled server cannot hang the install
        c.setConnectTimeout(20_000);
        c.setReadTimeout(READ_TIMEOUT_MS);
        c.setInstanceFollowRedirects(true);
        c.setRequestProperty("User-Agent", "ocr-cli");
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new OcrException(Kind.INSTALL_FAILED, name + ": download of " + uri + " failed with HTTP " + status
                        + (status == 404 ? " (no such language there?)" : ""));
            }
            long expected = c.getContentLengthLong();
            long n;
            try (InputStream in = c.getInputStream()) {
                n = copyLimited(in, dest);
            }
            if (expected >= 0 && n != expected) {
                throw new OcrException(Kind.INSTALL_FAILED, name + ": download of " + uri + " was cut short (" + n + " of " + expected + " bytes)");
            }
        } catch (IOException e) {
            throw new OcrException(Kind.INSTALL_FAILED, name + ": cannot download " + uri + ": " + networkReason(e, uri), e);
        } finally {
            c.disconnect();
        }
    }

    /** What a failed connection means for a user, rather than the bare exception text ({@code github.com}). */
    static String networkReason(IOException e, URI uri) {
        String host = uri.getHost();
        String offline = "; to install without a network, use --from DIR with a downloaded NAME.traineddata";
        if (e instanceof java.net.UnknownHostException) {
            return "the network is unreachable, or the name " + host + " does not resolve" + offline;
        }
        if (e instanceof java.net.NoRouteToHostException) {
            return "the network is unreachable (no route to " + host + ")" + offline;
        }
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof java.net.ConnectException) {
            if (m.toLowerCase(java.util.Locale.ROOT).contains("unreachable")) {
                return "the network is unreachable" + offline;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return host + ":" + port + " refused the connection";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return host + " did not answer in time (" + (m.isEmpty() ? "timed out" : m) + ")";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "the secure connection to " + host + " failed (" + m + ")";
        }
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    private static void copyFromDir(Path dir, String name, Path dest) throws IOException {
        Path src = dir.resolve(name + SUFFIX);
        Path gz = dir.resolve(name + SUFFIX + ".gz");
        if (!Files.isRegularFile(src) && Files.isRegularFile(gz)) {
            try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
                copyLimited(in, dest);
            }
            return;
        }
        if (!Files.isRegularFile(src)) {
            throw new OcrException(Kind.INSTALL_FAILED, name + ": " + src + " does not exist");
        }
        try (InputStream in = Files.newInputStream(src)) {
            copyLimited(in, dest);
        }
    }

    /** Copies at most {@value #MAX_BYTES} bytes (for {@link NpmModels}). */
    static long copyLimitedTo(InputStream in, Path dest) throws IOException {
        return copyLimited(in, dest);
    }

    /** Downloads one URL to a file, with the installer's limits and messages (for {@link NpmModels}). */
    static void downloadTo(URI uri, String name, Path dest) throws IOException {
        download(uri, name, dest);
    }

    private static long copyLimited(InputStream in, Path dest) throws IOException {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(dest)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new OcrException(Kind.INSTALL_FAILED, dest.getFileName() + ": larger than " + (MAX_BYTES >> 20) + " MB, refused");
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.debug("cannot clean {}: {}", dir, e.toString());
        }
    }
}
