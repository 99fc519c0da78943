package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Resize;
import dev.ocrcli.lang.ModelInfo;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.pipeline.Readings;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The native side of one language set: the one owner of every Tesseract handle an engine uses
 * (the main one with the engine's languages and settings, orientation detection (under
 * {@code --lang auto} the engine's shared {@link Osd}, closed by its owner), and one per other
 * model set the steps read lines with, each loaded on first need and kept), and the
 * {@link Readings} service the pipeline's steps ask for recognitions. Not thread-safe; closed
 * with its engine, after which every use fails.
 */
final class NativeReader implements Readings, AutoCloseable {
    /** Tesseract's "single text line" page segmentation, for lines read again on their own. */
    static final int PSM_LINE = 7;

    private final EngineOptions options;
    private final TessdataLocator locator;
    private final String mainModels;
    private final boolean quiet;
    private TesseractHandle main;
    /** Orientation detection: this reader's own, or under {@code --lang auto} the engine's shared one. */
    private final Osd osd;
    private final boolean ownsOsd;
    private final Map<String, TesseractHandle> others = new HashMap<>();
    private final Map<String, Boolean> installed = new HashMap<>();
    /** Per model set, the words looked up in its dictionary and the answers. */
    private final Map<String, Map<String, Boolean>> dictionaries = new HashMap<>();
    /** The end of the current call's time ({@link System#nanoTime()}), 0 for none. */
    private long deadlineNanos;
    private boolean closed;

    /**
     * Loads the main handle: the languages, the engine mode and the variables of {@code options}.
     *
     * @throws OcrException LANGUAGE_MISSING, LANGUAGE_DAMAGED, BAD_ARGUMENT (engine mode the models lack, unknown variable), NATIVE_UNAVAILABLE
     */
    NativeReader(EngineOptions options, TessdataLocator locator) {
        this(options, locator, null);
    }

    /** As {@link #NativeReader(EngineOptions, TessdataLocator)}, asking {@code osd} (null: a handle of its own) for orientation. */
    NativeReader(EngineOptions options, TessdataLocator locator, Osd osd) {
        this.ownsOsd = osd == null;
        this.osd = osd != null ? osd : new Osd(locator, !options.tesseractMessages());
        this.options = options;
        this.locator = locator;
        this.quiet = !options.tesseractMessages();
        List<String> langs = options.languages();
        this.mainModels = String.join("+", langs);
        List<String> needed = new ArrayList<>(langs);
        if (options.psm() == 1 || options.psm() == 12) {
            needed.add("osd");
        }
        Path dataPath = locator.dataPathFor(needed);
        checkEngineMode(langs, options.oem());
        main = new TesseractHandle(dataPath.toString(), mainModels, options.oem(), options.variables(), quiet);
        for (var e : options.variables().entrySet()) {
            // init-only variables were applied by Init and refuse a second setting; only unknown names are errors
            if (!main.setVariable(e.getKey(), e.getValue()) && !main.hasVariable(e.getKey())) {
                close();
                throw new OcrException(Kind.BAD_ARGUMENT, "unknown Tesseract variable '" + e.getKey() + "'");
            }
        }
        main.setPageSegMode(options.psm());
    }

    /** Limits every recognition until the next call to the given end ({@link System#nanoTime()}); 0 for none. */
    void deadline(long nanos) {
        this.deadlineNanos = nanos;
    }

    @Override
    public PageTree read(GrayImage image, Request request) {
        requireOpen();
        String models = request.models() == null ? mainModels : request.models();
        TesseractHandle h = request.models() == null && !request.legacy() ? main : other(models, request.legacy());
        int psm = request.psm() > 0 ? request.psm() : options.psm();
        // the part asked for, at the resolution asked for; boxes are mapped back to the image asked about
        GrayImage img = image;
        int ox = 0;
        int oy = 0;
        Box r = request.region();
        if (r != null) {
            ox = Math.max(0, r.x0());
            oy = Math.max(0, r.y0());
            int w = Math.min(image.width(), r.x1()) - ox;
            int hh = Math.min(image.height(), r.y1()) - oy;
            if (w < 3 || hh < 3) {
                return PageTree.EMPTY;
            }
            img = image.crop(ox, oy, w, hh);
        }
        double scale = request.scale();
        if (scale != 1) {
            if (Math.max(img.width(), img.height()) * scale > TesseractHandle.MAX_SIDE) {
                scale = (double) TesseractHandle.MAX_SIDE / Math.max(img.width(), img.height());
            }
            img = Resize.scale(img, scale);
        }
        int dpi = request.dpi() > 0 ? (int) Math.round(request.dpi() * scale) : 0;
        h.setPageSegMode(psm);
        try {
            if (recognize(h, img, dpi)) {
                PageTree tree = h.tree(new Origin(request.reading(), models), request.glyphsFor());
                return ox == 0 && oy == 0 && scale == 1 ? tree : tree.mapBoxes(back(scale, ox, oy, image.width(), image.height()));
            }
            if (Origin.LAYOUT.equals(request.reading())) {
                // the page's own reading failed: nothing was read, and that is not an empty page
                throw new OcrException(Kind.ENGINE_FAILED, "Tesseract could not recognise the " + image.width() + "x" + image.height()
                        + " px image");
            }
            return PageTree.EMPTY;  // a second reading that fails leaves the first as it is
        } finally {
            h.setPageSegMode(h == main ? options.psm() : PSM_LINE);
            h.clear();
        }
    }

    /** Maps a box read on a part at {@code (ox, oy)} resampled by {@code scale} back to the {@code w x h} image. */
    static java.util.function.UnaryOperator<Box> back(double scale, int ox, int oy, int w, int h) {
        return b -> {
            int x0 = Math.max(0, Math.min(w, ox + (int) Math.floor(b.x0() / scale)));
            int y0 = Math.max(0, Math.min(h, oy + (int) Math.floor(b.y0() / scale)));
            int x1 = Math.max(0, Math.min(w, ox + (int) Math.ceil(b.x1() / scale)));
            int y1 = Math.max(0, Math.min(h, oy + (int) Math.ceil(b.y1() / scale)));
            return new Box(x0, y0, Math.max(x0, x1), Math.max(y0, y1));
        };
    }

    @Override
    public Line readLine(GrayImage image, Box box, String models, String reading) {
        requireOpen();
        int padX = Math.max(2, box.height() / 6);
        int padY = Math.max(2, box.height() / 8);
        int x0 = Math.max(0, box.x0() - padX);
        int y0 = Math.max(0, box.y0() - padY);
        int x1 = Math.min(image.width(), box.x1() + padX);
        int y1 = Math.min(image.height(), box.y1() + padY);
        if (x1 - x0 < 3 || y1 - y0 < 3) {
            return null;
        }
        int margin = Math.max(8, box.height() / 2);
        GrayImage crop = image.crop(x0, y0, x1 - x0, y1 - y0).padded(margin);
        TesseractHandle h = other(models, false);
        try {
            if (!recognize(h, crop, 0)) {
                return null;
            }
            int dx = x0 - margin;
            int dy = y0 - margin;
            List<Word> words = h.tree(new Origin(reading, models), w -> false).words().stream()
                    .map(w -> w.mapBoxes(b -> new Box(Math.max(0, b.x0() + dx), Math.max(0, b.y0() + dy),
                            Math.max(0, b.x1() + dx), Math.max(0, b.y1() + dy))))
                    .toList();
            return words.isEmpty() ? null : new Line(box, words);
        } finally {
            h.clear();
        }
    }

    @Override
    public boolean isDictionaryWord(String word) {
        requireOpen();
        return main.isDictionaryWord(word);
    }

    @Override
    public boolean isDictionaryWord(String word, String models) {
        requireOpen();
        Map<String, Boolean> known = dictionaries.computeIfAbsent(models, m -> new HashMap<>());
        Boolean yes = known.get(word);
        if (yes == null) {
            yes = other(models, false).isDictionaryWord(word);
            known.put(word, yes);
        }
        return yes;
    }

    @Override
    public int uprightTurn(GrayImage image, int dpi) {
        requireOpen();
        return osd.clockwiseTurn(image, dpi);
    }

    @Override
    public boolean hasModel(String name) {
        return installed.computeIfAbsent(name, n -> {
            try {
                locator.find(n);
                return true;
            } catch (OcrException e) {
                return false;
            }
        });
    }

    /**
     * A handle for other models than the engine's, or for the legacy engine (no variables but
     * those the engine was given that the legacy engine shares), loaded on first use and kept.
     */
    private TesseractHandle other(String models, boolean legacy) {
        return others.computeIfAbsent((legacy ? "legacy:" : "") + models, k -> {
            TesseractHandle h = new TesseractHandle(locator.dataPathFor(TessdataLocator.parseLanguages(models)).toString(), models,
                    legacy ? EngineOptions.OEM_LEGACY : EngineOptions.OEM_DEFAULT, Map.of(), quiet);
            h.setPageSegMode(PSM_LINE);
            return h;
        });
    }

    @Override
    public List<String> languages() {
        return options.languages();
    }

    /**
     * Recognises an image on a handle within the engine's per-page limit and the call's deadline.
     *
     * @return false when Tesseract could not read the image at all (then there is nothing to take)
     * @throws OcrException TIMEOUT when a limit ran out first
     */
    private boolean recognize(TesseractHandle h, GrayImage image, int dpi) {
        long limit = options.timeoutMillis();
        if (deadlineNanos != 0) {
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new OcrException(Kind.TIMEOUT, "recognition did not finish in time");
            }
            limit = limit == 0 ? left : Math.min(limit, left);
        }
        h.setImage(image, dpi);
        long t0 = System.nanoTime();
        if (h.recognize(limit)) {
            return true;
        }
        if (limit > 0 && (System.nanoTime() - t0) / 1_000_000 >= limit) {
            throw new OcrException(Kind.TIMEOUT, "recognition did not finish within " + limit + " ms");
        }
        return false;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("engine is closed");
        }
    }

    private void checkEngineMode(List<String> langs, int oem) {
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

    /** Frees every handle. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (main != null) {
            main.close();
            main = null;
        }
        if (ownsOsd) {
            osd.close();
        }
        others.values().forEach(TesseractHandle::close);
        others.clear();
        dictionaries.clear();
    }
}
