package dev.ocrcli.engine;

import com.ochafik.lang.jnaerator.runtime.NativeSize;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.PointerByReference;
import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.result.Block;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Glyph;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Paragraph;
import dev.ocrcli.result.Word;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.ITessAPI.ETEXT_DESC;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One native {@code TessBaseAPI} through Tess4J's C-API binding: initialised once with its
 * languages, then fed raw grey pixels image after image. Not thread-safe; freed by
 * {@link #close()}.
 */
final class TesseractHandle implements AutoCloseable {
    private final TessAPI api;
    private TessBaseAPI handle;
    private ByteBuffer buffer;

    /**
     * Creates and initialises an engine.
     *
     * @param dataPath  the one tessdata directory holding every language
     * @param languages Tesseract's language string, e.g. {@code eng+rus}
     * @param oem       OCR engine mode
     * @param variables Tesseract variables set at initialisation (init-only ones included)
     * @param quiet     send Tesseract's diagnostic messages to /dev/null
     */
    TesseractHandle(String dataPath, String languages, int oem, Map<String, String> variables, boolean quiet) {
        NativeLibraries.load();
        api = TessAPI.INSTANCE;
        handle = api.TessBaseAPICreate();
        if (quiet) {
            api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
        }
        String[] names = variables.keySet().toArray(new String[0]);
        String[] values = variables.values().toArray(new String[0]);
        int rc;
        if (names.length == 0) {
            rc = api.TessBaseAPIInit2(handle, dataPath, languages, oem);
        } else {
            PointerByReference n = new PointerByReference();
            n.setPointer(new StringArray(names, "UTF8"));
            PointerByReference v = new PointerByReference();
            v.setPointer(new StringArray(values, "UTF8"));
            rc = api.TessBaseAPIInit4(handle, dataPath, languages, oem, null, 0, n, v, new NativeSize(names.length), 0);
        }
        if (rc != 0) {
            close();
            throw new OcrException(Kind.LANGUAGE_DAMAGED, "Tesseract could not load '" + languages + "' from " + dataPath
                    + " (a model file may be damaged or of the wrong kind)");
        }
        if (quiet) {
            api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
        }
    }

    /** Sets a variable after initialisation; false when Tesseract does not know it or it is init-only. */
    boolean setVariable(String name, String value) {
        return api.TessBaseAPISetVariable(handle, name, value) != 0;
    }

    /** The value of an integer variable, null when Tesseract has none of this name. */
    String intVariable(String name) {
        IntBuffer i = IntBuffer.allocate(1);
        return api.TessBaseAPIGetIntVariable(handle, name, i) != 0 ? Integer.toString(i.get(0)) : null;
    }

    /** True when Tesseract has a variable of this name, of any type. */
    boolean hasVariable(String name) {
        IntBuffer i = IntBuffer.allocate(1);
        java.nio.DoubleBuffer d = java.nio.DoubleBuffer.allocate(1);
        return api.TessBaseAPIGetIntVariable(handle, name, i) != 0 || api.TessBaseAPIGetBoolVariable(handle, name, i) != 0
                || api.TessBaseAPIGetDoubleVariable(handle, name, d) != 0 || api.TessBaseAPIGetStringVariable(handle, name) != null;
    }

    void setPageSegMode(int psm) {
        api.TessBaseAPISetPageSegMode(handle, psm);
    }

    /** Tesseract's limit on either side of an image. */
    static final int MAX_SIDE = 32767;

    /**
     * Hands an image over as raw 8-bit grey pixels, without any encoding round trip.
     *
     * @throws OcrException IMAGE_TOO_LARGE for a side over Tesseract's {@value #MAX_SIDE} px
     */
    void setImage(GrayImage img, int dpi) {
        if (img.width() > MAX_SIDE || img.height() > MAX_SIDE) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, "an image of " + img.width() + "x" + img.height()
                    + " px is over Tesseract's limit of " + MAX_SIDE + " px per side");
        }
        int n = img.pixels().length;
        if (buffer == null || buffer.capacity() < n) {
            buffer = ByteBuffer.allocateDirect(n);
        }
        buffer.clear();
        buffer.put(img.pixels());
        buffer.flip();
        api.TessBaseAPISetImage(handle, buffer, img.width(), img.height(), 1, img.width());
        if (dpi > 0) {
            api.TessBaseAPISetSourceResolution(handle, dpi);
        }
    }

    /**
     * Recognises the current image, as if it were the first this handle reads: Tesseract's
     * adaptive classifier (legacy engine) and its document dictionary (words of earlier pages) are
     * emptied first, so what a page reads never depends on which pages, files or requests the
     * handle read before (in a batch, in the server, or in another step's reading).
     *
     * @param timeoutMillis give up after this long (0: no limit)
     * @return false when the deadline passed first
     */
    boolean recognize(long timeoutMillis) {
        ETEXT_DESC monitor = null;
        try {
            if (timeoutMillis > 0) {
                monitor = api.TessMonitorCreate();
                api.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            }
            api.TessBaseAPIClearAdaptiveClassifier(handle);
            return api.TessBaseAPIRecognize(handle, monitor) == 0;
        } finally {
            if (monitor != null) {
                api.TessMonitorDelete(monitor);
            }
        }
    }

    /**
     * What Tesseract's orientation and script detection sees on a page.
     *
     * @param clockwiseTurn         degrees (0, 90, 180, 270) the image must turn clockwise to stand upright
     * @param orientationConfidence Tesseract's confidence in that (about 1.5 and more is a clear answer)
     * @param script                the main script's name as Tesseract calls it ({@code Latin}, {@code Greek}, ...)
     * @param scriptConfidence      Tesseract's confidence in the script
     */
    record Detection(int clockwiseTurn, float orientationConfidence, String script, float scriptConfidence) {}

    /** An engine for orientation and script detection only ({@code osd}, page segmentation mode 0). */
    static TesseractHandle osd(TessdataLocator locator, boolean quiet) {
        TesseractHandle h = new TesseractHandle(locator.dataPathFor(List.of("osd")).toString(), "osd", EngineOptions.OEM_DEFAULT, Map.of(), quiet);
        h.setPageSegMode(0);
        return h;
    }

    /** Orientation and script detection on an engine initialised with {@code osd}; null when it fails. */
    Detection detect(GrayImage img, int dpi) {
        setImage(img, dpi);
        try {
            IntBuffer deg = IntBuffer.allocate(1);
            java.nio.FloatBuffer conf = java.nio.FloatBuffer.allocate(1);
            java.nio.FloatBuffer scriptConf = java.nio.FloatBuffer.allocate(1);
            PointerByReference script = new PointerByReference();
            if (api.TessBaseAPIDetectOrientationScript(handle, deg, conf, script, scriptConf) == 0) {
                return null;
            }
            // the script name points into the model's character set: read, never freed
            String name = script.getValue() == null ? "" : script.getValue().getString(0, "UTF-8");
            // Tesseract reports how far the page is turned clockwise (a page turned left reads 270);
            // standing it up takes the rest of the circle.
            int turn = (360 - ((deg.get(0) % 360) + 360) % 360) % 360;
            return new Detection(turn, conf.get(0), name, scriptConf.get(0));
        } finally {
            clear();
        }
    }

    /**
     * Orientation detection on an engine initialised with {@code osd}: how many degrees (0, 90,
     * 180, 270) the image must turn clockwise to be upright; 0 when detection fails or is unsure.
     */
    int clockwiseTurn(GrayImage img, int dpi) {
        Detection d = detect(img, dpi);
        return d == null || d.orientationConfidence() < 1.5f ? 0 : d.clockwiseTurn();
    }

    /** Whether the first language's dictionary holds this word (Tesseract's own test, punctuation included). */
    boolean isDictionaryWord(String word) {
        return api.TessBaseAPIIsValidWord(handle, word) != 0;
    }

    /**
     * Tesseract's own text of the last recognition. The library renders its text from the tree
     * ({@link dev.ocrcli.result.PageText}); this is kept to check that rendering against Tesseract's.
     */
    String tesseractText() {
        return takeString(api.TessBaseAPIGetUTF8Text(handle));
    }

    /**
     * What the last recognition read, as a tree (blocks, paragraphs, lines, words) in the
     * coordinates of the image given. Words of blank text are left out, and so are lines,
     * paragraphs and blocks left without words.
     *
     * @param origin    what every word's origin is
     * @param glyphsFor the words whose characters are kept with their boxes
     */
    PageTree tree(Origin origin, Predicate<String> glyphsFor) {
        TessResultIterator it = api.TessBaseAPIGetIterator(handle);
        if (it == null) {
            return PageTree.EMPTY;
        }
        TreeBuilder tb = new TreeBuilder();
        try {
            TessPageIterator pit = api.TessResultIteratorGetPageIterator(it);
            IntBuffer l = IntBuffer.allocate(1);
            IntBuffer t = IntBuffer.allocate(1);
            IntBuffer r = IntBuffer.allocate(1);
            IntBuffer b = IntBuffer.allocate(1);
            do {
                if (api.TessPageIteratorIsAtBeginningOf(pit, ITessAPI.TessPageIteratorLevel.RIL_BLOCK) != 0) {
                    tb.block(box(pit, ITessAPI.TessPageIteratorLevel.RIL_BLOCK, l, t, r, b));
                }
                if (api.TessPageIteratorIsAtBeginningOf(pit, ITessAPI.TessPageIteratorLevel.RIL_PARA) != 0) {
                    tb.paragraph(box(pit, ITessAPI.TessPageIteratorLevel.RIL_PARA, l, t, r, b));
                }
                if (api.TessPageIteratorIsAtBeginningOf(pit, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
                    tb.line(box(pit, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE, l, t, r, b));
                }
                String text = takeString(api.TessResultIteratorGetUTF8Text(it, ITessAPI.TessPageIteratorLevel.RIL_WORD));
                if (text == null || text.isBlank()) {
                    continue;
                }
                Box wb = box(pit, ITessAPI.TessPageIteratorLevel.RIL_WORD, l, t, r, b);
                float conf = api.TessResultIteratorConfidence(it, ITessAPI.TessPageIteratorLevel.RIL_WORD);
                String word = text.strip();
                List<Glyph> glyphs = glyphsFor.test(word) ? glyphs(it, l, t, r, b) : List.of();
                tb.word(new Word(word, Math.max(0, Math.min(100, conf)), wb, origin, glyphs));
            } while (api.TessResultIteratorNext(it, ITessAPI.TessPageIteratorLevel.RIL_WORD) != 0);
        } finally {
            api.TessResultIteratorDelete(it);
        }
        return tb.build();
    }

    /** Puts the iterator's elements together into a tree, dropping containers left empty. */
    private static final class TreeBuilder {
        private final List<Block> blocks = new ArrayList<>();
        private List<Paragraph> paragraphs = new ArrayList<>();
        private List<Line> lines = new ArrayList<>();
        private List<Word> words = new ArrayList<>();
        private Box blockBox;
        private Box paraBox;
        private Box lineBox;

        void block(Box box) {
            endBlock();
            blockBox = box;
        }

        void paragraph(Box box) {
            endParagraph();
            paraBox = box;
        }

        void line(Box box) {
            endLine();
            lineBox = box;
        }

        void word(Word w) {
            if (lineBox == null) {
                lineBox = w.box();
            }
            words.add(w);
        }

        private void endLine() {
            if (!words.isEmpty()) {
                lines.add(new Line(lineBox, words));
            }
            words = new ArrayList<>();
            lineBox = null;
        }

        private void endParagraph() {
            endLine();
            if (!lines.isEmpty()) {
                paragraphs.add(paraBox != null ? new Paragraph(paraBox, lines) : Paragraph.of(lines));
            }
            lines = new ArrayList<>();
            paraBox = null;
        }

        private void endBlock() {
            endParagraph();
            if (!paragraphs.isEmpty()) {
                blocks.add(blockBox != null ? new Block(blockBox, paragraphs, 0) : Block.of(paragraphs));
            }
            paragraphs = new ArrayList<>();
            blockBox = null;
        }

        PageTree build() {
            endBlock();
            return blocks.isEmpty() ? PageTree.EMPTY : new PageTree(blocks);
        }
    }

    /** The characters of the word the iterator is at, read with a copy of it. */
    private List<Glyph> glyphs(TessResultIterator at, IntBuffer l, IntBuffer t, IntBuffer r, IntBuffer b) {
        List<Glyph> out = new ArrayList<>();
        TessResultIterator it = api.TessResultIteratorCopy(at);
        try {
            TessPageIterator pit = api.TessResultIteratorGetPageIterator(it);
            do {
                String c = takeString(api.TessResultIteratorGetUTF8Text(it, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL));
                if (c != null) {
                    float conf = api.TessResultIteratorConfidence(it, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL);
                    out.add(new Glyph(c, Math.max(0, Math.min(100, conf)), box(pit, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL, l, t, r, b)));
                }
            } while (api.TessPageIteratorIsAtFinalElement(pit, ITessAPI.TessPageIteratorLevel.RIL_WORD, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL) == 0
                    && api.TessResultIteratorNext(it, ITessAPI.TessPageIteratorLevel.RIL_SYMBOL) != 0);
        } finally {
            api.TessResultIteratorDelete(it);
        }
        return out;
    }

    private Box box(TessPageIterator pit, int level, IntBuffer l, IntBuffer t, IntBuffer r, IntBuffer b) {
        api.TessPageIteratorBoundingBox(pit, level, l, t, r, b);
        int x0 = l.get(0);
        int y0 = t.get(0);
        return new Box(x0, y0, Math.max(x0, r.get(0)), Math.max(y0, b.get(0)));
    }

    private String takeString(Pointer p) {
        if (p == null) {
            return null;
        }
        try {
            return p.getString(0, "UTF-8");
        } finally {
            api.TessDeleteText(p);
        }
    }

    /** Forgets the current image and results, keeping the models loaded. */
    void clear() {
        api.TessBaseAPIClear(handle);
    }

    @Override
    public void close() {
        if (handle != null) {
            api.TessBaseAPIEnd(handle);
            api.TessBaseAPIDelete(handle);
            handle = null;
        }
        buffer = null;
    }
}
