package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.Orientation;
import dev.ocrcli.pipeline.Affine;
import dev.ocrcli.pipeline.Coverage;
import dev.ocrcli.pipeline.Preprocessor;
import dev.ocrcli.result.StepReport;
import dev.ocrcli.lang.ModelInfo;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.Word;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The entry point of the library: a Tesseract engine with its language models loaded, ready to
 * recognise image after image.
 *
 * <pre>{@code
 * try (OcrEngine engine = OcrEngine.builder().languages("eng+rus").maxImageSize(4000).build()) {
 *     OcrResult r = engine.recognize(Path.of("scan.png"));
 *     System.out.println(r.text() + " (" + r.meanConfidence() + "%)");
 *     for (Word w : r.words()) System.out.println(w.text() + " " + w.confidence() + " " + w.box());
 * }
 * }</pre>
 *
 * <p>An engine holds one native Tesseract instance: models load once, in {@link Builder#build()},
 * and images are handed over as raw grey pixels. It is <b>not thread-safe</b>; use one engine per
 * thread. {@link #close()} frees the native memory.
 */
public final class OcrEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OcrEngine.class);

    private final EngineOptions options;
    /** Below this mean word confidence a page may be turned; the orientation check runs. */
    private static final double WEAK_CONFIDENCE = 60;

    private final ImageLoader loader;
    private final Preprocessor preprocessor;
    private TesseractHandle tess;
    private TesseractHandle osd;
    private ScriptResolver scripts;
    private RareLetterResolver rare;
    /** Under {@code --lang auto}: chooses each page's languages; null otherwise. */
    private LanguageGuesser guesser;
    /** Under {@code --lang auto}: an engine per language set chosen so far. */
    private final Map<List<String>, OcrEngine> byLanguages = new HashMap<>();

    private OcrEngine(EngineOptions options) {
        this.options = options;
        this.loader = new ImageLoader(options.maxPixels());
        this.preprocessor = Preprocessor.parse(options.preprocess(), options.maxImageSize());
        long t0 = System.nanoTime();
        List<String> langs = new ArrayList<>(options.languages());
        TessdataLocator locator = TessdataLocator.standard(options.tessdata());
        if (LanguageGuesser.isAuto(langs)) {
            guesser = new LanguageGuesser(locator, !options.tesseractMessages());
            try {
                forLanguages(guesser.base());  // load the usual set now: missing natives or models fail here
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            return;
        }
        List<String> needed = new ArrayList<>(langs);
        if (options.psm() == 1 || options.psm() == 12 || options.psm() == 0) {
            needed.add("osd");
        }
        Path dataPath = locator.dataPathFor(needed);
        checkEngineMode(locator, langs, options.oem());
        tess = new TesseractHandle(dataPath.toString(), String.join("+", langs), options.oem(), options.variables(),
                !options.tesseractMessages());
        for (var e : options.variables().entrySet()) {
            // init-only variables were applied by Init and refuse a second setting; only unknown names are errors
            if (!tess.setVariable(e.getKey(), e.getValue()) && !tess.hasVariable(e.getKey())) {
                close();
                throw new OcrException(Kind.BAD_ARGUMENT, "unknown Tesseract variable '" + e.getKey() + "'");
            }
        }
        tess.setPageSegMode(options.psm());
        scripts = ScriptResolver.forLanguages(langs, dataPath.toString(), !options.tesseractMessages());
        if (preprocessor.letters()) {
            rare = RareLetterResolver.forLanguages(langs, locator, !options.tesseractMessages());
        }
        log.debug("engine ready: {} from {} in {} ms", langs, dataPath, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Starts configuring an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options this engine was built with. */
    public EngineOptions options() {
        return options;
    }

    /** The loader this engine uses for paths, configured with the engine's limits. */
    public ImageLoader loader() {
        return loader;
    }

    /** Loads and recognises an image file (all pages of a multi-page TIFF). */
    public OcrResult recognize(Path file) {
        return recognize(loader.load(file));
    }

    /** Recognises every page of an input. */
    public OcrResult recognize(OcrInput input) {
        return recognize(input, List.of());
    }

    /**
     * Recognises only the given rectangles of every page, each on its own, in the order given;
     * an empty list means the whole page.
     */
    public OcrResult recognize(OcrInput input, List<Region> regions) {
        return recognize(input, regions, null);
    }

    /**
     * As {@link #recognize(OcrInput, List)}, handing every image the engine actually read (after
     * preprocessing) to {@code seen}, e.g. to save it for inspection.
     */
    public OcrResult recognize(OcrInput input, List<Region> regions, Consumer<GrayImage> seen) {
        ensureOpen();
        long t0 = System.nanoTime();
        List<PageResult> pages = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Page page : input.pages()) {
            if (guesser == null) {
                pages.add(recognizePage(input.source(), page, regions, seen));
                continue;
            }
            int dpi = options.dpi() > 0 ? options.dpi() : page.dpi();
            LanguageGuesser.Choice choice = page instanceof Page.Decoded d ? guesser.choose(d.image(), dpi, input.source())
                    : new LanguageGuesser.Choice(guesser.base(), null);
            List<String> langs = choice.languages();
            // what the engine saw is passed on only for the reading that is kept
            List<GrayImage> shown = new ArrayList<>();
            Consumer<GrayImage> show = seen == null ? null : shown::add;
            PageResult pr = forLanguages(langs).recognizePage(input.source(), page, regions, show);
            if (choice.script() != null && !LanguageGuesser.confirms(choice.script(), pr.text())) {
                log.debug("{}: page {} read as {} has few {} letters; reading it with {}", input.source(), page.pageNumber(), langs,
                        choice.script(), guesser.base());
                langs = guesser.base();
                shown.clear();
                pr = forLanguages(langs).recognizePage(input.source(), page, regions, show);
            }
            if (seen != null) {
                shown.forEach(seen);
            }
            used.addAll(langs);
            pages.add(pr);
        }
        long recognizeMs = (System.nanoTime() - t0) / 1_000_000;
        return new OcrResult(input.source(), guesser != null ? List.copyOf(used) : options.languages(), pages,
                new OcrResult.Timing(input.loadMillis(), recognizeMs, input.loadMillis() + recognizeMs));
    }

    private PageResult recognizePage(String source, Page page, List<Region> regions, Consumer<GrayImage> seen) {
        int dpi = options.dpi() > 0 ? options.dpi() : page.dpi();
        if (page instanceof Page.Tiled tiled) {
            if (!regions.isEmpty()) {
                throw new OcrException(Kind.BAD_ARGUMENT, source + ": rectangles are not supported on pages read in tiles ("
                        + page.width() + "x" + page.height() + " px)");
            }
            return recognizeTiled(source, tiled, dpi, seen);
        }
        StringBuilder text = new StringBuilder();
        List<Line> lines = new ArrayList<>();
        List<StepReport> steps = new ArrayList<>();
        List<Region> todo = regions.isEmpty() ? List.of(Region.WHOLE_PAGE) : regions;
        int w = page.width();
        int h = page.height();
        for (Region r : todo) {
            // Regions are cut out here rather than with Tesseract's SetRectangle, which reads
            // nothing when a rectangle spans the full image width.
            GrayImage part = ((Page.Decoded) page).image();
            Affine toPage = Affine.IDENTITY;
            if (r != Region.WHOLE_PAGE) {
                Region c = r.clippedTo(w, h, source);
                part = part.crop(c.x(), c.y(), c.width(), c.height());
                toPage = Affine.translate(c.x(), c.y());
            }
            Reading rd = read(source, part, dpi);
            if (seen != null) {
                seen.accept(rd.image);
            }
            text.append(rd.text);
            lines.addAll(mapLines(rd.lines, toPage.after(rd.toInput), w, h));
            steps.addAll(rd.steps);
        }
        return new PageResult(page.pageNumber(), w, h, dpi, text.toString(), lines, steps);
    }

    /** Largest tile side: under Tesseract's 32767 px limit with room for preprocessing to enlarge a little. */
    static final int TILE_SIDE = 16_000;
    /** Overlap between neighbouring tiles: taller than any line of text the tiles are meant for. */
    static final int TILE_OVERLAP = 300;

    /**
     * Reads a page too large for one pass in overlapping tiles, decoding one band of rows at a
     * time. A word seen twice in an overlap is kept only by the tile whose core (its share of the
     * page up to the middle of each overlap) holds the word's centre; boxes are mapped to the page.
     */
    private PageResult recognizeTiled(String source, Page.Tiled page, int dpi, Consumer<GrayImage> seen) {
        int w = page.width();
        int h = page.height();
        int nCols = Math.max(1, (int) Math.ceil((double) (w - TILE_OVERLAP) / (TILE_SIDE - TILE_OVERLAP)));
        int tileW = nCols == 1 ? w : (int) Math.ceil((double) (w + (nCols - 1) * TILE_OVERLAP) / nCols);
        long budget = ImageLoader.TILE_BUDGET_PIXELS / 2;
        Runtime rt = Runtime.getRuntime();
        // a band costs up to 4 bytes a pixel while decoding plus the grey copy and a tile
        long heapRows = Math.max(TILE_OVERLAP * 2L, rt.maxMemory() / 4 / (6L * w));
        int bandH = (int) Math.min(Math.min(TILE_SIDE, h), Math.min(budget / w, heapRows));
        bandH = Math.max(bandH, Math.min(h, TILE_OVERLAP * 2));
        int[][] ys = spans(h, bandH);
        int[][] xs = spans(w, tileW);
        int rows = ys.length;
        int cols = xs.length;
        StringBuilder text = new StringBuilder();
        List<Line> lines = new ArrayList<>();
        List<StepReport> steps = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int r = 0; r < rows; r++) {
            int y0 = ys[r][0];
            int y1 = ys[r][1];
            GrayImage band = page.source().read(0, y0, w, y1 - y0);
            for (int c = 0; c < cols; c++) {
                int x0 = xs[c][0];
                int x1 = xs[c][1];
                GrayImage tile = cols == 1 ? band : band.crop(x0, 0, x1 - x0, band.height());
                Reading rd = read(source, tile, dpi);
                if (seen != null) {
                    seen.accept(rd.image);
                }
                steps.addAll(rd.steps);
                List<Line> mapped = mapLines(rd.lines, Affine.translate(x0, y0).after(rd.toInput), w, h);
                for (Line l : mapped) {
                    List<Word> kept = new ArrayList<>();
                    for (Word wd : l.words()) {
                        int cx = (wd.box().x0() + wd.box().x1()) / 2;
                        int cy = (wd.box().y0() + wd.box().y1()) / 2;
                        if (cx >= xs[c][2] && cx < xs[c][3] && cy >= ys[r][2] && cy < ys[r][3]) {
                            kept.add(wd);
                        }
                    }
                    if (!kept.isEmpty()) {
                        Line line = kept.size() == l.words().size() ? l : TesseractHandle.line(kept, l.box());
                        lines.add(line);
                        text.append(line.text()).append('\n');
                    }
                }
            }
        }
        steps.add(new StepReport("tiles", true, rows + "x" + cols + " tiles of up to " + tileW + "x" + bandH + " px",
                (System.nanoTime() - t0) / 1000));
        return new PageResult(page.pageNumber(), w, h, dpi, text.toString(), lines, steps);
    }

    /**
     * Overlapping spans covering {@code [0, length)} with pieces of at most {@code size}:
     * {start, end, coreStart, coreEnd}; the cores split each overlap in the middle, so they
     * partition the length exactly.
     */
    static int[][] spans(int length, int size) {
        if (length <= size) {
            return new int[][] {{0, length, 0, length}};
        }
        int n = (int) Math.ceil((double) (length - TILE_OVERLAP) / (size - TILE_OVERLAP));
        int[][] out = new int[n][4];
        for (int i = 0; i < n; i++) {
            int start = i == n - 1 ? length - size : i * (size - TILE_OVERLAP);
            out[i][0] = Math.max(0, start);
            out[i][1] = Math.min(length, out[i][0] + size);
        }
        out[0][2] = 0;
        out[n - 1][3] = length;
        for (int i = 1; i < n; i++) {
            int mid = (out[i - 1][1] + out[i][0]) / 2;
            out[i - 1][3] = mid;
            out[i][2] = mid;
        }
        return out;
    }

    /** One recognition of one image: what the engine saw, read, and how to map it back. */
    private record Reading(GrayImage image, Affine toInput, String text, List<Line> lines, List<StepReport> steps) {
        /** Confident characters: longer confident words count more; junk read from a turned page counts little. */
        double score() {
            double s = 0;
            for (Line l : lines) {
                for (Word w : l.words()) {
                    double c = w.confidence() / 100;
                    s += w.text().length() * c * c;
                }
            }
            return s;
        }

        /** The same reading with one more step report. */
        Reading with(StepReport step) {
            List<StepReport> all = new ArrayList<>(steps);
            all.add(step);
            return new Reading(image, toInput, text, lines, all);
        }

        double meanConfidence() {
            double sum = 0;
            int n = 0;
            for (Line l : lines) {
                for (Word w : l.words()) {
                    sum += w.confidence();
                    n++;
                }
            }
            return n == 0 ? 0 : sum / n;
        }
    }

    /**
     * Below this share of its text-like ink read, a page is read again as sparse text: Tesseract's
     * page layout sometimes takes a stained table or dense small print for a picture and reads
     * nothing there (measured on the Scribe pages: 0.41-0.75 on the three pages where it does,
     * 0.92 and more on the other eleven and 1.0 on the synthetic pages).
     */
    static final double MIN_COVERAGE = 0.8;
    /** Tesseract's "sparse text" page segmentation: as much text as possible, in no particular order. */
    static final int PSM_SPARSE = 11;

    /**
     * Reads one image: the pipeline's image steps, recognition, the {@code orient} and
     * {@code sparse} re-readings where the page calls for them, then the word-level steps
     * ({@code scripts}, {@code letters}, {@code bars}) on the reading kept, so none is spent on a reading that
     * is thrown away.
     */
    private Reading read(String source, GrayImage img, int dpi) {
        return corrected(readLaidOut(source, img, dpi));
    }

    private Reading readLaidOut(String source, GrayImage img, int dpi) {
        Reading r = readOriented(source, img, dpi);
        if (!preprocessor.sparse() || options.psm() != EngineOptions.PSM_AUTO) {
            return r;
        }
        long t0 = System.nanoTime();
        List<Box> read = new ArrayList<>(r.lines.size());
        for (Line l : r.lines) {
            read.add(l.box());
        }
        double coverage = Coverage.of(r.image, read);
        String detail = String.format(java.util.Locale.ROOT, "layout read %.0f%% of the text-like ink", 100 * coverage);
        if (coverage >= MIN_COVERAGE) {
            return r.with(new StepReport("sparse", false, detail, (System.nanoTime() - t0) / 1000));
        }
        Reading sparse;
        tess.setPageSegMode(PSM_SPARSE);
        try {
            sparse = readPrepared(source, new Preprocessor.Prepared(r.image, r.toInput, List.of()), dpi);
        } finally {
            tess.setPageSegMode(options.psm());
        }
        // the sparse reading loses the layout's reading order, so it must read more confident text to win
        boolean better = sparse.score() > r.score();
        Reading chosen = better ? new Reading(r.image, r.toInput, sparse.text, sparse.lines, withReportsOf(r.steps, sparse.steps)) : r;
        return chosen.with(new StepReport("sparse", better, detail + (better ? ", the sparse-text reading reads more" : ", kept the layout's reading"),
                (System.nanoTime() - t0) / 1000));
    }

    /** The first reading's step reports, those the second reading also made (its {@code spaces}) taken from the second. */
    private static List<StepReport> withReportsOf(List<StepReport> first, List<StepReport> second) {
        List<StepReport> out = new ArrayList<>(first.size());
        for (StepReport s : first) {
            out.add(second.stream().filter(o -> o.step().equals(s.step())).findFirst().orElse(s));
        }
        return out;
    }

    private Reading readOriented(String source, GrayImage img, int dpi) {
        Reading first = readPrepared(source, preprocessor.run(img), dpi);
        if (!preprocessor.orient() || first.meanConfidence() >= WEAK_CONFIDENCE) {
            return first;
        }
        long t0 = System.nanoTime();
        int turn = detectClockwiseTurn(first.image, dpi);
        String detail = "reads weakly (confidence " + Math.round(first.meanConfidence()) + "), orientation check says turn " + turn;
        if (turn == 0) {
            List<StepReport> steps = new ArrayList<>(first.steps);
            steps.add(new StepReport("orient", false, detail, (System.nanoTime() - t0) / 1000));
            return new Reading(first.image, first.toInput, first.text, first.lines, steps);
        }
        GrayImage turned = Orientation.rotateClockwise(img, turn);
        Reading second = readPrepared(source, preprocessor.run(turned), dpi);
        List<StepReport> steps = new ArrayList<>(second.steps);
        boolean better = second.score() > first.score();
        steps.add(new StepReport("orient", better, detail + (better ? ", turned" : ", kept as is"), (System.nanoTime() - t0) / 1000));
        if (!better) {
            return new Reading(first.image, first.toInput, first.text, first.lines, steps);
        }
        return new Reading(second.image, turnBack(turn, img.width(), img.height()).after(second.toInput), second.text, second.lines, steps);
    }

    /** Maps coordinates of the image turned clockwise by {@code degrees} back to the {@code w x h} original. */
    private static Affine turnBack(int degrees, int w, int h) {
        return switch (degrees) {
            case 90 -> new Affine(0, 1, 0, -1, 0, h);
            case 180 -> new Affine(-1, 0, w, 0, -1, h);
            case 270 -> new Affine(0, -1, w, 1, 0, 0);
            default -> Affine.IDENTITY;
        };
    }

    private Reading readPrepared(String source, Preprocessor.Prepared p, int dpi) {
        double scale = Math.sqrt(Math.abs(p.toInput().a() * p.toInput().e() - p.toInput().b() * p.toInput().d()));
        int effectiveDpi = dpi > 0 && scale > 0 ? (int) Math.round(dpi / scale) : 0;
        tess.setImage(p.image(), effectiveDpi);
        try {
            if (!tess.recognize(options.timeoutMillis())) {
                throw new OcrException(Kind.TIMEOUT, source + ": recognition did not finish within " + options.timeoutMillis() + " ms");
            }
            String t = tess.text() == null ? "" : tess.text();
            if (!preprocessor.spaces()) {
                return new Reading(p.image(), p.toInput(), t, tess.lines(), p.steps());
            }
            long t0 = System.nanoTime();
            Map<Word, List<TesseractHandle.Glyph>> glyphs = new java.util.IdentityHashMap<>();
            List<Line> lines = tess.lines(GluedWords::candidate, glyphs);
            List<Line> split = GluedWords.split(p.image(), lines, glyphs);
            int n = GluedWords.splits(lines, split);
            List<StepReport> steps = new ArrayList<>(p.steps());
            steps.add(new StepReport("spaces", n > 0, n + " glued words split of " + glyphs.size() + " measured", (System.nanoTime() - t0) / 1000));
            return new Reading(p.image(), p.toInput(), relined(t, lines, split, t), split, steps);
        } finally {
            tess.clear();
        }
    }

    /** The reading after the word-level steps: words in the wrong script, rare letters, then bar words dropped. */
    private Reading corrected(Reading r) {
        String t = r.text;
        List<Line> lines = r.lines;
        List<StepReport> steps = new ArrayList<>(r.steps);
        if (scripts != null && preprocessor.scripts()) {
            long t0 = System.nanoTime();
            ScriptResolver.Result fixed = scripts.resolve(r.image, t, lines);
            t = fixed.text();
            lines = fixed.lines();
            steps.add(new StepReport("scripts", fixed.replaced() > 0, fixed.replaced() + " words re-read in their line's script",
                    (System.nanoTime() - t0) / 1000));
        }
        if (rare != null) {
            long t0 = System.nanoTime();
            ScriptResolver.Result fixed = rare.resolve(r.image, t, lines, tess::isDictionaryWord);
            t = fixed.text();
            lines = fixed.lines();
            steps.add(new StepReport("letters", fixed.replaced() > 0, fixed.replaced() + " lines read with rare letters",
                    (System.nanoTime() - t0) / 1000));
        }
        if (lines != r.lines) {
            t = relined(r.text, r.lines, lines, t);
        }
        // last: the letters step may read a stroke the stock models took for '|' as ŀ
        if (preprocessor.bars()) {
            long t0 = System.nanoTime();
            ScriptResolver.Result fixed = BarFilter.drop(t, lines);
            t = fixed.text();
            lines = fixed.lines();
            steps.add(new StepReport("bars", fixed.replaced() > 0, fixed.replaced() + " bar words dropped", (System.nanoTime() - t0) / 1000));
        }
        return new Reading(r.image, r.toInput, t, lines, steps);
    }

    /**
     * The page text with every changed line put back in its place: Tesseract's text holds its
     * lines in the order its iterator gives them, blank lines between blocks. A line given as null
     * is taken out with its row, and the blank rows left around it close up to one. When the
     * counts do not agree (they always should), {@code fallback}: the steps' own string
     * replacements.
     */
    static String relined(String stockText, List<Line> stockLines, List<Line> lines, String fallback) {
        String[] rows = stockText.split("\n", -1);
        long nonBlank = java.util.Arrays.stream(rows).filter(r -> !r.isBlank()).count();
        if (nonBlank != stockLines.size() || lines.size() != stockLines.size()) {
            return fallback;
        }
        List<String> out = new ArrayList<>(rows.length);
        boolean removed = false;
        int k = 0;
        for (String row : rows) {
            if (row.isBlank()) {
                out.add(row);
                continue;
            }
            Line now = lines.get(k);
            if (now == null) {
                removed = true;
            } else {
                out.add(now == stockLines.get(k) ? row : now.text());
            }
            k++;
        }
        if (removed) {
            for (int i = out.size() - 1; i > 0; i--) {
                if (out.get(i).isBlank() && out.get(i - 1).isBlank()) {
                    out.remove(i);
                }
            }
            while (out.size() > 1 && out.get(0).isBlank()) {
                out.remove(0);
            }
        }
        return String.join("\n", out);
    }

    /** Asks Tesseract's orientation detection how far the page must turn clockwise to stand upright (0 when unsure). */
    private int detectClockwiseTurn(GrayImage img, int dpi) {
        if (osd == null) {
            osd = TesseractHandle.osd(TessdataLocator.standard(options.tessdata()), !options.tesseractMessages());
        }
        return osd.clockwiseTurn(img, dpi);
    }

    private static List<Line> mapLines(List<Line> lines, Affine toPage, int maxX, int maxY) {
        if (toPage.isIdentity()) {
            return lines;
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            List<Word> words = new ArrayList<>(l.words().size());
            for (Word w : l.words()) {
                words.add(new Word(w.text(), w.confidence(), toPage.map(w.box(), maxX, maxY)));
            }
            out.add(new Line(l.text(), l.confidence(), toPage.map(l.box(), maxX, maxY), words));
        }
        return out;
    }

    /** Under {@code --lang auto}, the engine for one language set, built when first needed. */
    private OcrEngine forLanguages(List<String> langs) {
        OcrEngine e = byLanguages.get(langs);
        if (e == null) {
            e = new OcrEngine(options.withLanguages(langs));
            byLanguages.put(langs, e);
        }
        return e;
    }

    private void ensureOpen() {
        if (tess == null && guesser == null) {
            throw new IllegalStateException("engine is closed");
        }
    }

    /** Frees the native engine; the object cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (tess != null) {
            tess.close();
            tess = null;
        }
        if (osd != null) {
            osd.close();
            osd = null;
        }
        if (scripts != null) {
            scripts.close();
            scripts = null;
        }
        if (rare != null) {
            rare.close();
            rare = null;
        }
        for (OcrEngine e : byLanguages.values()) {
            e.close();
        }
        byLanguages.clear();
        if (guesser != null) {
            guesser.close();
            guesser = null;
        }
    }

    private static void checkEngineMode(TessdataLocator locator, List<String> langs, int oem) {
        if (oem == EngineOptions.OEM_DEFAULT) {
            return;
        }
        for (String lang : langs) {
            Path file = locator.find(lang).file();
            ModelInfo info;
            try {
                info = ModelInfo.read(file);
            } catch (IOException e) {
                throw new OcrException(Kind.LANGUAGE_DAMAGED, "language '" + lang + "' at " + file + " is not a valid model: " + e.getMessage());
            }
            boolean ok = switch (oem) {
                case EngineOptions.OEM_LEGACY -> info.hasLegacy();
                case EngineOptions.OEM_LSTM -> info.hasLstm();
                case EngineOptions.OEM_COMBINED -> info.hasLegacy() && info.hasLstm();
                default -> false;
            };
            if (!ok) {
                throw new OcrException(Kind.BAD_ARGUMENT, "--oem " + oem + " needs " + (oem == EngineOptions.OEM_LSTM ? "the LSTM engine" : "the legacy engine")
                        + ", which the '" + lang + "' model at " + file + " does not contain (it has: "
                        + (info.hasLegacy() ? "legacy" : "") + (info.hasLegacy() && info.hasLstm() ? "+" : "") + (info.hasLstm() ? "LSTM" : "")
                        + "); use --oem " + (info.hasLstm() ? EngineOptions.OEM_LSTM : EngineOptions.OEM_LEGACY) + " or --oem 3");
            }
        }
    }

    /** Configures an {@link OcrEngine}. Defaults: {@code eng}, automatic page segmentation (3), default engine mode. */
    public static final class Builder {
        private final EngineOptions.Mutable o = new EngineOptions.Mutable();

        private Builder() {}

        /**
         * Languages as Tesseract writes them, {@code eng+rus}, or with commas, {@code eng,rus}; or
         * {@code auto}, chosen page by page from the script Tesseract detects on the page (Latin and Cyrillic: {@code eng+rus}).
         */
        public Builder languages(String spec) {
            List<String> langs = TessdataLocator.parseLanguages(spec);
            if (langs.size() > 1 && langs.contains(LanguageGuesser.AUTO)) {
                throw new OcrException(Kind.BAD_ARGUMENT, "'auto' chooses the languages itself and cannot be combined with others ('" + spec + "')");
            }
            o.languages = langs;
            return this;
        }

        public Builder languages(List<String> names) {
            return languages(String.join("+", names));
        }

        /** A directory searched first for language models. */
        public Builder tessdata(Path dir) {
            o.tessdata = dir;
            return this;
        }

        /** Page segmentation mode 0..13, as Tesseract's {@code --psm}. */
        public Builder pageSegMode(int psm) {
            if (psm < 0 || psm > 13) {
                throw new OcrException(Kind.BAD_ARGUMENT, "page segmentation mode must be 0..13, not " + psm);
            }
            if (psm == 0) {
                throw new OcrException(Kind.BAD_ARGUMENT, "page segmentation mode 0 (orientation detection only) produces no text; use 1..13");
            }
            o.psm = psm;
            return this;
        }

        /** OCR engine mode 0..3, as Tesseract's {@code --oem}; refused at build time if the models lack that engine. */
        public Builder engineMode(int oem) {
            if (oem < 0 || oem > 3) {
                throw new OcrException(Kind.BAD_ARGUMENT, "OCR engine mode must be 0..3, not " + oem);
            }
            o.oem = oem;
            return this;
        }

        /** Resolution to assume for every image, overriding the files' own; 0 to use theirs. */
        public Builder dpi(int dpi) {
            if (dpi < 0 || dpi > 2400) {
                throw new OcrException(Kind.BAD_ARGUMENT, "dpi must be between 1 and 2400, not " + dpi);
            }
            o.dpi = dpi;
            return this;
        }

        /** A Tesseract variable, as {@code -c name=value}. */
        public Builder variable(String name, String value) {
            if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new OcrException(Kind.BAD_ARGUMENT, "invalid Tesseract variable name '" + name + "'");
            }
            o.variables.put(name, value);
            return this;
        }

        /** Shrink images whose longest side exceeds this many pixels before recognition (0: never). */
        public Builder maxImageSize(int pixels) {
            if (pixels < 0) {
                throw new OcrException(Kind.BAD_ARGUMENT, "maximum image size must not be negative");
            }
            o.maxImageSize = pixels;
            return this;
        }

        /** Refuse images with more pixels than this, checked from the header before decoding (0: no fixed limit). */
        public Builder maxPixels(long pixels) {
            o.maxPixels = Math.max(0, pixels);
            return this;
        }

        /** Give up recognising a page after this many milliseconds (0: no limit). */
        public Builder timeoutMillis(long millis) {
            o.timeoutMillis = Math.max(0, millis);
            return this;
        }

        /**
         * Image preprocessing: {@code auto} (default: every step, each acting only when its
         * measurements call for it), {@code none}, or step names such as {@code deskew,rescale};
         * see {@link Preprocessor}.
         */
        public Builder preprocess(String spec) {
            Preprocessor.parse(spec, 0);
            o.preprocess = spec;
            return this;
        }

        /** Let Tesseract print its own diagnostics to stderr (default: hidden). */
        public Builder tesseractMessages(boolean show) {
            o.tesseractMessages = show;
            return this;
        }

        /** The options as set so far. */
        public EngineOptions options() {
            return o.freeze();
        }

        /** Loads the native libraries and the models; fails with a clear {@link OcrException}. */
        public OcrEngine build() {
            return new OcrEngine(o.freeze());
        }
    }
}
