package dev.ocrcli.eval;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.engine.EnginePool;
import dev.ocrcli.result.OcrResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs recognition over a folder with ground truth and scores every page ({@link Cer},
 * {@link WordAccuracy}). Pages are found by {@link #discover}; {@link #run} recognises them on an
 * {@link EnginePool}, several at a time, and hands the scores over in file order.
 */
public final class Evaluation {
    private static final Logger log = LoggerFactory.getLogger(Evaluation.class);

    /** Image extensions looked for beside the ground truth, in order of preference. */
    public static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif", "webp");
    /** The default grouping: the condition suffix after {@code __} ({@code letter_en__rot4} -> {@code rot4}). */
    public static final String DEFAULT_GROUP_BY = "__([^_].*)$";

    private final EnginePool pool;
    private final int jobs;
    private final Pattern groupBy;
    private final Path saveDir;

    /**
     * @param pool    engines to recognise with
     * @param jobs    pages recognised at once (at most the pool size is useful)
     * @param groupBy pages are grouped by this pattern's first group (or whole match) in their name; null: no groups
     * @param saveDir where to write {@code NAME.txt} and a copy of the ground truth, or null
     */
    public Evaluation(EnginePool pool, int jobs, Pattern groupBy, Path saveDir) {
        this.pool = pool;
        this.jobs = Math.max(1, jobs);
        this.groupBy = groupBy;
        this.saveDir = saveDir;
    }

    /**
     * The pages of a folder: every name with ground truth ({@code NAME.gt.txt}, {@code NAME.truth.hocr},
     * {@code NAME.hocr}) in {@code truthDir} (when given) or in {@code imageDir} (the first found wins),
     * with its image {@code NAME.EXT} from {@code imageDir} (null when there is none). Images without
     * ground truth are left out. A page is kept when its name or its image's file name matches one of
     * the {@code include} globs (or there are none) and none of the {@code exclude} globs. Sorted by name.
     *
     * @throws OcrException INPUT_NOT_FOUND when a folder does not exist, BAD_ARGUMENT for a bad glob
     */
    public static List<EvalItem> discover(Path imageDir, Path truthDir, List<String> include, List<String> exclude) {
        requireDir(imageDir);
        if (truthDir != null) {
            requireDir(truthDir);
        }
        List<PathMatcher> inc = matchers(include);
        List<PathMatcher> exc = matchers(exclude);
        Map<String, Path> images = new TreeMap<>();
        Map<String, Path> texts = new TreeMap<>();
        Map<String, Path> hocrs = new TreeMap<>();
        List<Path> dirs = truthDir == null ? List.of(imageDir) : List.of(truthDir, imageDir);
        for (Path dir : dirs) {
            for (Path p : list(dir)) {
                String f = p.getFileName().toString();
                if (f.endsWith(".gt.txt")) {
                    texts.putIfAbsent(f.substring(0, f.length() - ".gt.txt".length()), p);
                }
            }
            // NAME.truth.hocr before NAME.hocr in the same folder
            for (String suffix : List.of(".truth.hocr", ".hocr")) {
                for (Path p : list(dir)) {
                    String f = p.getFileName().toString();
                    if (f.endsWith(suffix) && !(suffix.equals(".hocr") && f.endsWith(".truth.hocr"))) {
                        hocrs.putIfAbsent(f.substring(0, f.length() - suffix.length()), p);
                    }
                }
            }
        }
        for (String ext : IMAGE_EXTENSIONS) {
            for (Path p : list(imageDir)) {
                String f = p.getFileName().toString();
                int dot = f.lastIndexOf('.');
                if (dot > 0 && f.substring(dot + 1).toLowerCase(Locale.ROOT).equals(ext)) {
                    Path prev = images.putIfAbsent(f.substring(0, dot), p);
                    if (prev != null && !prev.equals(p)) {
                        log.warn("{}: several images, using {}", f.substring(0, dot), prev.getFileName());
                    }
                }
            }
        }
        Set<String> names = new java.util.TreeSet<>(texts.keySet());
        names.addAll(hocrs.keySet());
        List<EvalItem> items = new ArrayList<>();
        for (String n : names) {
            Path img = images.get(n);
            if (!selected(n, img, inc, exc)) {
                continue;
            }
            items.add(new EvalItem(n, img, texts.get(n), hocrs.get(n)));
        }
        return items;
    }

    private static boolean selected(String name, Path image, List<PathMatcher> inc, List<PathMatcher> exc) {
        List<Path> candidates = new ArrayList<>();
        try {
            candidates.add(Path.of(name));
        } catch (java.nio.file.InvalidPathException ignored) {
            // an odd name still matches through its image
        }
        if (image != null) {
            candidates.add(image.getFileName());
        }
        boolean in = inc.isEmpty() || candidates.stream().anyMatch(c -> inc.stream().anyMatch(m -> m.matches(c)));
        boolean out = candidates.stream().anyMatch(c -> exc.stream().anyMatch(m -> m.matches(c)));
        return in && !out;
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        List<PathMatcher> out = new ArrayList<>();
        for (String g : globs == null ? List.<String>of() : globs) {
            try {
                out.add(FileSystems.getDefault().getPathMatcher("glob:" + g));
            } catch (IllegalArgumentException e) {
                throw new OcrException(Kind.BAD_ARGUMENT, "bad glob '" + g + "': " + e.getMessage().replace('\n', ' '));
            }
        }
        return out;
    }

    private static void requireDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, dir + ": cannot list: " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** The group of a page name under a pattern: its first capture group, else the whole match; null when it does not match. */
    public static String groupOf(String name, Pattern groupBy) {
        if (groupBy == null) {
            return null;
        }
        Matcher m = groupBy.matcher(name);
        if (!m.find()) {
            return null;
        }
        String g = m.groupCount() >= 1 ? m.group(1) : m.group();
        return g == null || g.isEmpty() ? null : g;
    }

    /**
     * Recognises and scores every page, {@code jobs} at a time, calling {@code sink} in the order of
     * {@code items} as soon as each page and those before it are done. A page that cannot be loaded
     * or recognised is scored as empty output (CER 1, accuracy 0), as the reference tools score a
     * missing output file, and carries the error.
     *
     * @return every score, in order
     * @throws OcrException INPUT_UNREADABLE when a ground-truth file cannot be read
     */
    public List<FileScore> run(List<EvalItem> items, Consumer<FileScore> sink) {
        if (saveDir != null) {
            try {
                Files.createDirectories(saveDir);
            } catch (IOException e) {
                throw new OcrException(Kind.INPUT_NOT_FOUND, saveDir + ": cannot create: " + e.getMessage(), e);
            }
        }
        ExecutorService exec = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, items.size())), r -> {
            Thread t = new Thread(r, "eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FileScore>> futures = new ArrayList<>();
            for (EvalItem item : items) {
                futures.add(exec.submit(() -> evaluate(item)));
            }
            List<FileScore> out = new ArrayList<>();
            for (Future<FileScore> f : futures) {
                FileScore s = get(f);
                out.add(s);
                if (sink != null) {
                    sink.accept(s);
                }
            }
            return out;
        } finally {
            exec.shutdownNow();
        }
    }

    private FileScore evaluate(EvalItem item) {
        long t0 = System.nanoTime();
        String hypothesis = "";
        String error = null;
        if (item.image() == null) {
            error = "no image " + item.name() + ".{" + String.join(",", IMAGE_EXTENSIONS) + "} beside the ground truth";
        } else {
            try {
                OcrResult r = pool.withEngine(e -> e.recognize(item.image()));
                hypothesis = r.text();
            } catch (OcrException e) {
                error = e.getMessage();
            } catch (RuntimeException e) {
                error = "internal error: " + e;
                log.debug("{} failed", item.name(), e);
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        FileScore s = score(item, groupOf(item.name(), groupBy), hypothesis, error, millis);
        if (saveDir != null) {
            save(item, hypothesis, error == null);
        }
        return s;
    }

    /** Scores a hypothesis against the item's ground truth. */
    public static FileScore score(EvalItem item, String group, String hypothesis, String error, long millis) {
        Cer.Score text = null;
        WordAccuracy.Score words = null;
        try {
            if (item.textTruth() != null) {
                text = Cer.score(Files.readString(item.textTruth(), StandardCharsets.UTF_8), hypothesis);
            }
            if (item.hocrTruth() != null) {
                words = WordAccuracy.score(HocrWords.read(item.hocrTruth()), hypothesis);
            }
        } catch (IOException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, item.name() + ": cannot read the ground truth: " + e, e);
        }
        return new FileScore(item, group, hypothesis, text, words, error, millis);
    }

    /** NAME.txt (only when recognised, so that the tools score a failure as a missing output, like here) and the truth files. */
    private void save(EvalItem item, String hypothesis, boolean recognised) {
        try {
            Path out = saveDir.resolve(item.name() + ".txt");
            if (recognised) {
                Files.writeString(out, hypothesis, StandardCharsets.UTF_8);
            } else {
                Files.deleteIfExists(out);
            }
            copy(item.textTruth());
            copy(item.hocrTruth());
        } catch (IOException e) {
            throw new OcrException(Kind.OUTPUT_FAILED, "cannot write to " + saveDir + ": " + e.getMessage(), e);
        }
    }

    private void copy(Path truth) throws IOException {
        if (truth == null) {
            return;
        }
        Path target = saveDir.resolve(truth.getFileName().toString());
        if (Files.exists(target) && Files.isSameFile(truth, target)) {
            return;
        }
        Files.copy(truth, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static FileScore get(Future<FileScore> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException(Kind.INTERRUPTED, "interrupted");
        }
    }
}
