package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.Resize;
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
import java.util.List;

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
    private final ImageLoader loader;
    private TesseractHandle tess;

    private OcrEngine(EngineOptions options) {
        this.options = options;
        this.loader = new ImageLoader(options.maxPixels());
        long t0 = System.nanoTime();
        List<String> langs = new ArrayList<>(options.languages());
        TessdataLocator locator = TessdataLocator.standard(options.tessdata());
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
        ensureOpen();
        long t0 = System.nanoTime();
        List<PageResult> pages = new ArrayList<>();
        for (Page page : input.pages()) {
            pages.add(recognizePage(input.source(), page, regions));
        }
        long recognizeMs = (System.nanoTime() - t0) / 1_000_000;
        return new OcrResult(input.source(), options.languages(), pages,
                new OcrResult.Timing(input.loadMillis(), recognizeMs, input.loadMillis() + recognizeMs));
    }

    private PageResult recognizePage(String source, Page page, List<Region> regions) {
        GrayImage img = page.image();
        double scale = 1.0;
        int longest = Math.max(img.width(), img.height());
        if (options.maxImageSize() > 0 && longest > options.maxImageSize()) {
            scale = (double) options.maxImageSize() / longest;
            img = Resize.scale(img, scale);
            log.debug("{}: page {} scaled by {} to {}x{}", source, page.pageNumber(), scale, img.width(), img.height());
        }
        int dpi = options.dpi() > 0 ? options.dpi() : page.dpi();
        int effectiveDpi = dpi > 0 ? (int) Math.round(dpi * scale) : 0;
        StringBuilder text = new StringBuilder();
        List<Line> lines = new ArrayList<>();
        List<Region> todo = regions.isEmpty() ? List.of(Region.WHOLE_PAGE) : regions;
        for (Region r : todo) {
            // Regions are cut out here rather than with Tesseract's SetRectangle, which reads
            // nothing when a rectangle spans the full image width.
            GrayImage part = img;
            int dx = 0;
            int dy = 0;
            if (r != Region.WHOLE_PAGE) {
                Region c = r.clippedTo(page.image().width(), page.image().height(), source);
                dx = (int) Math.floor(c.x() * scale);
                dy = (int) Math.floor(c.y() * scale);
                part = img.crop(dx, dy, Math.max(1, (int) Math.round(c.width() * scale)), Math.max(1, (int) Math.round(c.height() * scale)));
            }
            tess.setImage(part, effectiveDpi);
            try {
                if (!tess.recognize(options.timeoutMillis())) {
                    throw new OcrException(Kind.ENGINE_FAILED, source + ": recognition did not finish within " + options.timeoutMillis() + " ms");
                }
                String t = tess.text();
                if (t != null) {
                    text.append(t);
                }
                lines.addAll(toPage(tess.lines(), 1 / scale, dx, dy, page.image().width(), page.image().height()));
            } finally {
                tess.clear();
            }
        }
        return new PageResult(page.pageNumber(), page.image().width(), page.image().height(), dpi, text.toString(), lines);
    }

    /** Maps boxes from the engine's image (shifted by dx, dy, scaled) back to the page as loaded. */
    private static List<Line> toPage(List<Line> lines, double factor, int dx, int dy, int maxX, int maxY) {
        if (factor == 1.0 && dx == 0 && dy == 0) {
            return lines;
        }
        List<Line> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            List<Word> words = new ArrayList<>(l.words().size());
            for (Word w : l.words()) {
                words.add(new Word(w.text(), w.confidence(), map(w.box(), factor, dx, dy, maxX, maxY)));
            }
            out.add(new Line(l.text(), l.confidence(), map(l.box(), factor, dx, dy, maxX, maxY), words));
        }
        return out;
    }

    private static Box map(Box b, double factor, int dx, int dy, int maxX, int maxY) {
        return clamp(new Box(b.x0() + dx, b.y0() + dy, b.x1() + dx, b.y1() + dy).transform(factor, 0, 0), maxX, maxY);
    }

    private static Box clamp(Box b, int maxX, int maxY) {
        return new Box(Math.min(b.x0(), maxX), Math.min(b.y0(), maxY), Math.min(b.x1(), maxX), Math.min(b.y1(), maxY));
    }

    private void ensureOpen() {
        if (tess == null) {
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
                throw new OcrException(Kind.LANGUAGE_MISSING, "language '" + lang + "' at " + file + " is not a valid model: " + e.getMessage());
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

        /** Languages as Tesseract writes them, {@code eng+rus}, or with commas, {@code eng,rus}. */
        public Builder languages(String spec) {
            o.languages = TessdataLocator.parseLanguages(spec);
            return this;
        }

        public Builder languages(List<String> names) {
            o.languages = TessdataLocator.parseLanguages(String.join("+", names));
            return this;
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
