package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.pipeline.Pipeline;
import dev.ocrcli.result.OcrResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
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
 * <p>Every page goes through the {@link Pipeline} built from {@code --preprocess}: image steps,
 * Tesseract's reading, then the reading steps, which may read the page or parts of it again.
 * The engine owns the native Tesseract handles this takes (the main one with its languages, and
 * those loaded on first need: orientation detection, the models steps read lines with, and under
 * {@code --lang auto} one set per language set chosen); models load once, in
 * {@link Builder#build()} or when first needed, and images are handed over as raw grey pixels.
 * It is <b>not thread-safe</b>: use one engine per thread, or an {@link EnginePool}.
 * {@link #close()} frees the native memory.
 */
public final class OcrEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OcrEngine.class);

    private final EngineOptions options;
    private final ImageLoader loader;
    private PageReader reader;

    private OcrEngine(EngineOptions options) {
        this.options = options;
        this.loader = new ImageLoader(options.maxPixels());
        Pipeline.parse(options.preprocess(), options.maxImageSize());  // a bad --preprocess fails before any model loads
        long t0 = System.nanoTime();
        TessdataLocator locator = TessdataLocator.standard(options.tessdata());
        reader = LanguageGuesser.isAuto(options.languages()) ? new AutoLanguageReader(options, locator)
                : new LanguageSetReader(options, locator);
        log.debug("engine ready: {} in {} ms", options.languages(), (System.nanoTime() - t0) / 1_000_000);
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
        return recognize(input, regions, seen, 0);
    }

    /**
     * As {@link #recognize(OcrInput, List, Consumer)}, within a time limit for the whole input.
     *
     * @param timeLimitMillis the most the call may take, every page and every reading of it
     *                        included (0: only the engine's own per-page limit)
     * @throws OcrException of kind TIMEOUT when the limit runs out first
     */
    public OcrResult recognize(OcrInput input, List<Region> regions, Consumer<GrayImage> seen, long timeLimitMillis) {
        requireOpen();
        long t0 = System.nanoTime();
        reader.deadline(timeLimitMillis > 0 ? t0 + timeLimitMillis * 1_000_000 : 0);
        try {
            return DocumentReader.read(PageSource.of(input), new DocumentReader.Limits(0, timeLimitMillis, false),
                    (one, left) -> readPage(one, regions, seen), null, t0, options.languages());
        } catch (IOException e) {
            throw new UncheckedIOException(e);  // no listener, so nothing writes
        } finally {
            reader.deadline(0);
        }
    }

    private OcrResult readPage(OcrInput one, List<Region> regions, Consumer<GrayImage> seen) {
        long t0 = System.nanoTime();
        PageReader.Read r;
        try {
            r = reader.read(one.pages().get(0), regions, seen, one.source());
        } catch (OcrException e) {
            String m = String.valueOf(e.getMessage());
            throw m.startsWith(one.source() + ":") ? e : new OcrException(e.kind(), one.source() + ": " + m, e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new OcrResult(one.source(), r.languages(), List.of(r.page()), new OcrResult.Timing(0, ms, ms));
    }

    private void requireOpen() {
        if (reader == null) {
            throw new IllegalStateException("engine is closed");
        }
    }

    /** Frees the native engines; the object cannot be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
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

        /** Page segmentation mode 1..13, as Tesseract's {@code --psm}. */
        public Builder pageSegMode(int psm) {
            if (psm < 0 || psm > 13) {
                throw new OcrException(Kind.BAD_ARGUMENT, "page segmentation mode must be 1..13, not " + psm);
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
         * see {@link dev.ocrcli.pipeline.Steps}.
         */
        public Builder preprocess(String spec) {
            Pipeline.parse(spec, 0);
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
