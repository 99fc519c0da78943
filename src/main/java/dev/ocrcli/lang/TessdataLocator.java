package dev.ocrcli.lang;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.util.AppDirs;
import dev.ocrcli.util.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds language models and assembles the single data directory Tesseract wants.
 *
 * <p>Search order, first hit wins: the explicit directory ({@code --tessdata}),
 * {@code $TESSDATA_PREFIX}, {@code ./tessdata}, the per-user data directory (where
 * {@code ocr-cli langs install} puts models), the usual system directories, and finally the
 * models bundled in the jar ({@code eng} and {@code osd} from Tess4J, plus ocr-cli's own).
 * When the requested languages live in different places, a directory of symbolic links to the
 * chosen files is made in the cache and handed to Tesseract.
 */
public final class TessdataLocator {
    private static final Logger log = LoggerFactory.getLogger(TessdataLocator.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)?");
    private static final String SUFFIX = ".traineddata";

    /** Where a model was found. */
    public enum Source {
        EXPLICIT("--tessdata"), ENV("TESSDATA_PREFIX"), WORKING_DIR("./tessdata"), USER("user data dir"),
        SYSTEM("system"), BUNDLED("bundled");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A directory searched for models. */
    public record Location(Source source, Path dir) {}

    private final List<Location> locations;
    private final List<String> bundledResources;

    private TessdataLocator(List<Location> locations, List<String> bundledResources) {
        this.locations = List.copyOf(locations);
        this.bundledResources = List.copyOf(bundledResources);
    }

    /**
     * The standard search path.
     *
     * @param explicitDir a directory given by the user, or null
     */
    public static TessdataLocator standard(Path explicitDir) {
        List<Location> locs = new ArrayList<>();
        if (explicitDir != null) {
            locs.add(new Location(Source.EXPLICIT, explicitDir.toAbsolutePath().normalize()));
        }
        String env = System.getenv("TESSDATA_PREFIX");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env).toAbsolutePath().normalize();
            locs.add(new Location(Source.ENV, p));
            // Tesseract 3 pointed TESSDATA_PREFIX at the parent of tessdata; accept that too.
            locs.add(new Location(Source.ENV, p.resolve("tessdata")));
        }
        locs.add(new Location(Source.WORKING_DIR, Path.of("tessdata").toAbsolutePath().normalize()));
        locs.add(new Location(Source.USER, AppDirs.userTessdata()));
        for (Path p : systemDirs()) {
            locs.add(new Location(Source.SYSTEM, p));
        }
        return new TessdataLocator(locs, List.of("ocrcli/tessdata/", "tessdata/"));
    }

    /** The directories searched, in order. */
    public List<Location> locations() {
        return locations;
    }

    private static List<Path> systemDirs() {
        List<Path> dirs = new ArrayList<>();
        for (String parent : List.of("/usr/share/tesseract-ocr", "/usr/local/share/tesseract-ocr")) {
            Path base = Path.of(parent);
            if (Files.isDirectory(base)) {
                // newest version first: /usr/share/tesseract-ocr/5/tessdata before .../4.00/tessdata
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
                    TreeMap<String, Path> versions = new TreeMap<>(java.util.Comparator.reverseOrder());
                    for (Path v : ds) {
                        if (Files.isDirectory(v.resolve("tessdata"))) {
                            versions.put(v.getFileName().toString(), v.resolve("tessdata"));
                        }
                    }
                    dirs.addAll(versions.values());
                } catch (IOException e) {
                    log.debug("cannot list {}: {}", base, e.toString());
                }
                dirs.add(base.resolve("tessdata"));
            }
        }
        for (String p : List.of("/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
                "/opt/local/share/tessdata")) {
            dirs.add(Path.of(p));
        }
        return dirs;
    }

    /** True when {@code name} is a well-formed language name (never a path). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Splits a language argument such as {@code eng+rus} or {@code eng,rus} into names.
     *
     * @throws OcrException of kind BAD_ARGUMENT for a malformed name
     */
    public static List<String> parseLanguages(String spec) {
        List<String> out = new ArrayList<>();
        for (String part : spec.split("[+,]")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!isValidName(name)) {
                throw new OcrException(Kind.BAD_ARGUMENT, "invalid language name '" + name + "'");
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        if (out.isEmpty()) {
            throw new OcrException(Kind.BAD_ARGUMENT, "no language given in '" + spec + "'");
        }
        return out;
    }

    /** Every language found, by name, with the location that wins for it. */
    public Map<String, LanguagePack> available() {
        Map<String, LanguagePack> found = new TreeMap<>();
        for (Location loc : locations) {
            for (String name : listDir(loc.dir())) {
                found.putIfAbsent(name, new LanguagePack(name, loc.dir().resolve(name + SUFFIX), loc.source()));
            }
        }
        for (String name : bundledNames()) {
            found.computeIfAbsent(name, n -> new LanguagePack(n, null, Source.BUNDLED));
        }
        return found;
    }

    /**
     * Finds one language.
     *
     * @throws OcrException of kind LANGUAGE_MISSING naming where it looked and how to get it
     */
    public LanguagePack find(String name) {
        if (!isValidName(name)) {
            throw new OcrException(Kind.BAD_ARGUMENT, "invalid language name '" + name + "'");
        }
        // Script models live in script/ upstream but beside the others in Debian's packages:
        // script/Latin and Latin find either file.
        String alias = name.startsWith("script/") ? name.substring("script/".length())
                : Character.isUpperCase(name.charAt(0)) ? "script/" + name : null;
        for (Location loc : locations) {
            Path f = loc.dir().resolve(name + SUFFIX);
            if (Files.isRegularFile(f)) {
                return new LanguagePack(name, f, loc.source());
            }
            if (alias != null && Files.isRegularFile(loc.dir().resolve(alias + SUFFIX))) {
                return new LanguagePack(name, loc.dir().resolve(alias + SUFFIX), loc.source());
            }
        }
        for (String prefix : bundledResources) {
            String res = prefix + name + SUFFIX;
            if (Resources.exists(res)) {
                return new LanguagePack(name, Resources.extractToCache(res, "tessdata"), Source.BUNDLED);
            }
        }
        throw missing(name);
    }

    /**
     * Finds several languages at once.
     *
     * @return each name with its pack, in the order given
     * @throws OcrException of kind LANGUAGE_MISSING naming every missing one, where it looked and how to get them
     */
    public Map<String, LanguagePack> findAll(List<String> names) {
        Map<String, LanguagePack> packs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            try {
                packs.put(n, find(n));
            } catch (OcrException e) {
                if (e.kind() != Kind.LANGUAGE_MISSING) {
                    throw e;
                }
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw missing(missing);
        }
        return packs;
    }

    private OcrException missing(String name) {
        return missing(List.of(name));
    }

    /** {@code language 'deu' is not installed (...)} or {@code languages 'deu', 'fra' are not installed (...)}. */
    private OcrException missing(List<String> names) {
        List<String> dirs = new ArrayList<>();
        for (Location loc : locations) {
            if (!dirs.contains(loc.dir().toString())) {
                dirs.add(loc.dir().toString());
            }
        }
        List<String> quoted = new ArrayList<>();
        List<String> packages = new ArrayList<>();
        for (String n : names) {
            quoted.add("'" + n + "'");
            packages.add(debianPackage(n));
        }
        boolean one = names.size() == 1;
        return new OcrException(Kind.LANGUAGE_MISSING, (one ? "language " : "languages ") + String.join(", ", quoted)
                + (one ? " is" : " are") + " not installed (looked in " + String.join(", ", dirs) + " and the jar); install "
                + (one ? "it" : "them") + " with 'apt-get install " + String.join(" ", packages) + "' or 'ocr-cli langs install "
                + String.join(" ", names) + "'");
    }

    /** The Debian/Ubuntu package that ships a language, e.g. {@code tesseract-ocr-chi-sim}. */
    public static String debianPackage(String name) {
        String base = name.startsWith("script/") ? name.substring("script/".length()) : name;
        String script = SCRIPT_CODES.get(base);
        if (script != null) {
            return "tesseract-ocr-script-" + script;
        }
        return "tesseract-ocr-" + base.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Script model names and the ISO 15924 codes Debian uses in their package names. */
    private static final Map<String, String> SCRIPT_CODES = Map.ofEntries(
            Map.entry("Latin", "latn"), Map.entry("Cyrillic", "cyrl"), Map.entry("Greek", "grek"),
            Map.entry("Arabic", "arab"), Map.entry("Hebrew", "hebr"), Map.entry("Devanagari", "deva"),
            Map.entry("HanS", "hans"), Map.entry("HanT", "hant"), Map.entry("Japanese", "jpan"),
            Map.entry("Hangul", "hang"), Map.entry("Thai", "thai"), Map.entry("Armenian", "armn"),
            Map.entry("Georgian", "geor"), Map.entry("Ethiopic", "ethi"), Map.entry("Bengali", "beng"));

    /**
     * Resolves languages to one Tesseract data directory holding all of them.
     *
     * @return the directory to pass to Tesseract's Init
     */
    public Path dataPathFor(List<String> names) {
        Map<String, LanguagePack> packs = findAll(names);
        // Common case: everything in one real directory.
        Path common = null;
        boolean same = true;
        for (var e : packs.entrySet()) {
            Path dir = dataDirOf(e.getKey(), e.getValue().file());
            if (!dir.resolve(e.getKey() + SUFFIX).equals(e.getValue().file())) {
                same = false; // found under its alias: needs a link with the requested name
            }
            if (common == null) {
                common = dir;
            } else if (!common.equals(dir)) {
                same = false;
            }
        }
        if (same && common != null) {
            return common;
        }
        return linkFarm(packs);
    }

    /** The data directory a model file belongs to: its folder, or the folder above for {@code script/NAME}. */
    private static Path dataDirOf(String name, Path file) {
        Path dir = file.getParent();
        return name.contains("/") ? dir.getParent() : dir;
    }

    private static Path linkFarm(Map<String, LanguagePack> packs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (var e : packs.entrySet()) {
                md.update((e.getKey() + "=" + e.getValue().file().toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String id = HexFormat.of().formatHex(md.digest()).substring(0, 16);
            Path dir = AppDirs.cache().resolve("tessdata-view").resolve(id);
            Files.createDirectories(dir);
            for (var e : packs.entrySet()) {
                Path link = dir.resolve(e.getKey() + SUFFIX);
                Path target = e.getValue().file().toAbsolutePath();
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                    continue;
                }
                Files.createDirectories(link.getParent());
                Path tmp = link.resolveSibling(link.getFileName() + "." + ProcessHandle.current().pid() + ".lnk");
                Files.deleteIfExists(tmp);
                Files.createSymbolicLink(tmp, target);
                Files.move(tmp, link, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new OcrException(Kind.OUTPUT_FAILED, "cannot assemble a tessdata directory: " + e.getMessage(), e);
        }
    }

    private List<String> bundledNames() {
        List<String> names = new ArrayList<>();
        for (String prefix : bundledResources) {
            for (String n : Resources.list(prefix)) {
                if (n.endsWith(SUFFIX)) {
                    names.add(n.substring(0, n.length() - SUFFIX.length()));
                }
            }
        }
        return names;
    }

    private static List<String> listDir(Path dir) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        collect(dir, "", names);
        // script models, and the models that carry the legacy engine (langs install --variant legacy)
        for (String sub : List.of("script", "legacy")) {
            Path d = dir.resolve(sub);
            if (Files.isDirectory(d)) {
                collect(d, sub + "/", names);
            }
        }
        return names;
    }

    private static void collect(Path dir, String prefix, List<String> names) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                String name = prefix + f.substring(0, f.length() - SUFFIX.length());
                if (isValidName(name) && Files.isRegularFile(p)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            log.debug("cannot list {}: {}", dir, e.toString());
        }
    }
}
