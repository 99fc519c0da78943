package dev.ocrcli.image;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.filter.MissingImageReaderException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.rendering.PageDrawer;
import org.apache.pdfbox.rendering.PageDrawerParameters;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads PDF documents with Apache PDFBox, rendering one page at a time, in grey (or in colour
 * when a searchable PDF is written), at a chosen resolution; also tells whether a page already
 * carries text. Used through {@link Inputs}, so PDFBox is loaded only when a PDF comes along.
 *
 * <p>A PDF is hostile input like any other: its page tree is walked once when it is opened
 * (bounded depth, no loops, every {@code /Count} true), so that a damaged tree is one
 * {@code unreadable PDF (...)} error instead of an index error, a recursion or an empty result
 * later; every later call into PDFBox is wrapped the same way. An image on a page that cannot be
 * decoded (a format without a decoder, damaged data, absurd dimensions) fails that page rather
 * than leaving a blank where the text was.
 */
public final class PdfLoader {
    private static final Logger log = LoggerFactory.getLogger(PdfLoader.class);

    /** Page trees deeper than this are refused (real ones have a handful of levels). */
    static final int MAX_TREE_DEPTH = 256;
    /** An image inside a page declaring more pixels than this is not decoded (a 600 dpi A2 scan has 140 MP). */
    static final long MAX_IMAGE_PIXELS = 300_000_000L;
    /** An image side longer than this is taken for damage (an A0 page at 1200 dpi is 56000 px long). */
    static final int MAX_IMAGE_SIDE = 100_000;

    static {
        ImageIOPlugins.init();
    }

    private final int dpi;
    private final long maxPixels;
    private final long maxImagePixels;
    private final boolean colour;

    /**
     * @param dpi       resolution pages are rendered at (36..1200)
     * @param maxPixels refuse pages with more pixels than this at that resolution (0: no fixed limit)
     */
    public PdfLoader(int dpi, long maxPixels) {
        this(dpi, maxPixels, false);
    }

    /**
     * @param dpi       resolution pages are rendered at (36..1200)
     * @param maxPixels refuse pages with more pixels than this at that resolution (0: no fixed limit)
     * @param colour    render colour pages in colour too and keep that copy on the page (for
     *                  searchable PDF output); grey pages stay grey
     */
    public PdfLoader(int dpi, long maxPixels, boolean colour) {
        if (dpi < 36 || dpi > 1200) {
            throw new OcrException(Kind.BAD_ARGUMENT, "PDF resolution must be between 36 and 1200 dpi, not " + dpi);
        }
        this.dpi = dpi;
        this.maxPixels = maxPixels;
        // images are often finer than the page is rendered: four times the page limit, within the fixed cap
        this.maxImagePixels = maxPixels > 0 ? Math.min(MAX_IMAGE_PIXELS, 4 * maxPixels) : MAX_IMAGE_PIXELS;
        this.colour = colour;
    }

    /** Opens a PDF file; pages are rendered when asked for. */
    public PageSource open(Path path) {
        long t0 = System.nanoTime();
        String label = path.toString();
        if (Files.isDirectory(path)) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": is a directory");
        }
        PDDocument doc;
        try {
            doc = Loader.loadPDF(path.toFile());
        } catch (NoSuchFileException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": no such file");
        } catch (AccessDeniedException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": permission denied");
        } catch (InvalidPasswordException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": encrypted PDF (password required)");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw unreadable(label, e);
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": not enough memory to open the PDF (raise -Xmx)");
        }
        return new Source(label, doc, t0);
    }

    /** Opens a PDF held in memory. */
    public PageSource open(byte[] bytes, String label) {
        long t0 = System.nanoTime();
        PDDocument doc;
        try {
            doc = Loader.loadPDF(bytes);
        } catch (InvalidPasswordException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": encrypted PDF (password required)");
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw unreadable(label, e);
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": not enough memory to open the PDF (raise -Xmx)");
        }
        return new Source(label, doc, t0);
    }

    private static OcrException unreadable(String label, String reason) {
        return new OcrException(Kind.INPUT_UNREADABLE, label + ": unreadable PDF (" + reason + ")");
    }

    private static OcrException unreadable(String label, Throwable e) {
        log.debug("PDF failure on {}", label, e);
        return new OcrException(Kind.INPUT_UNREADABLE, label + ": unreadable PDF (" + message(e) + ")", e);
    }

    static String message(Throwable e) {
        if (e instanceof StackOverflowError) {
            return "structure nested too deeply";
        }
        return Messages.reason(e);
    }

    /**
     * Walks the page tree once: counts its pages, and refuses loops, absurd depth and a
     * {@code /Count} that disagrees with the pages below it (PDFBox finds page N by those counts).
     */
    static int checkPageTree(PDDocument doc, String label) {
        COSDictionary root = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PAGES);
        if (root == null) {
            throw unreadable(label, "no page tree");
        }
        Set<COSDictionary> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return countLeaves(root, 1, seen, label);
    }

    private static int countLeaves(COSDictionary node, int depth, Set<COSDictionary> seen, String label) {
        if (depth > MAX_TREE_DEPTH) {
            throw unreadable(label, "page tree nested deeper than " + MAX_TREE_DEPTH + " levels");
        }
        if (!seen.add(node)) {
            throw unreadable(label, "page tree has a loop: a /Pages node lists itself or an ancestor");
        }
        long n = 0;
        COSArray kids = node.getCOSArray(COSName.KIDS);
        if (kids != null) {
            for (COSBase k : kids) {
                COSBase o = k instanceof COSObject ref ? ref.getObject() : k;
                if (!(o instanceof COSDictionary kid)) {
                    continue;  // PDFBox skips these too
                }
                n += isTreeNode(kid) ? countLeaves(kid, depth + 1, seen, label) : 1;
                if (n > Integer.MAX_VALUE) {
                    throw unreadable(label, "page tree holds more than " + Integer.MAX_VALUE + " pages");
                }
            }
        }
        COSBase count = node.getDictionaryObject(COSName.COUNT);
        long declared = count instanceof org.apache.pdfbox.cos.COSNumber num ? num.longValue() : -1;
        if (count == null || declared != n) {
            throw unreadable(label, "page tree says " + (count == null ? "no /Count" : "/Count " + declared) + " where it holds "
                    + n + (n == 1 ? " page" : " pages"));
        }
        return (int) n;
    }

    /** PDFBox's test: a {@code /Pages} node, or anything with {@code /Kids}. */
    private static boolean isTreeNode(COSDictionary d) {
        return COSName.PAGES.equals(d.getCOSName(COSName.TYPE)) || d.containsKey(COSName.KIDS);
    }

    private final class Source implements PageSource {
        private final String label;
        private final PDDocument doc;
        private final int count;
        private final CheckedRenderer renderer;
        private PDFTextStripper stripper;
        private long loadNanos;

        Source(String label, PDDocument doc, long t0) {
            this.label = label;
            this.doc = doc;
            try {
                this.count = checkPageTree(doc, label);
                this.renderer = new CheckedRenderer(doc);
            } catch (OcrException e) {
                close();
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                close();
                throw unreadable(label, e);
            }
            this.loadNanos = System.nanoTime() - t0;
            if (count == 0) {
                close();
                throw new OcrException(Kind.INPUT_UNREADABLE, label + ": PDF has no pages");
            }
        }

        @Override
        public String source() {
            return label;
        }

        @Override
        public int pageCount() {
            return count;
        }

        private String where(int index) {
            return label + ": page " + (index + 1);
        }

        @Override
        public int[] pageSize(int index) {
            try {
                PDPage p = doc.getPage(index);
                PDRectangle box = p.getCropBox();
                double w = Math.ceil(box.getWidth() / 72.0 * dpi);
                double h = Math.ceil(box.getHeight() / 72.0 * dpi);
                if (!(w >= 1 && h >= 1)) {
                    throw new OcrException(Kind.INPUT_UNREADABLE, where(index) + ": unreadable PDF (empty page: "
                            + box.getWidth() + " x " + box.getHeight() + " pt)");
                }
                int iw = (int) Math.min(Integer.MAX_VALUE, w);
                int ih = (int) Math.min(Integer.MAX_VALUE, h);
                int rot = ((p.getRotation() % 360) + 360) % 360;
                return rot == 90 || rot == 270 ? new int[] {ih, iw} : new int[] {iw, ih};
            } catch (OcrException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                log.debug("PDF failure on {}", where(index), e);
                throw new OcrException(Kind.INPUT_UNREADABLE, where(index) + ": unreadable PDF (" + message(e) + ")", e);
            }
        }

        @Override
        public int pageDpi(int index) {
            return dpi;
        }

        @Override
        public Page page(int index) {
            long t0 = System.nanoTime();
            String where = where(index);
            try {
                int[] size = pageSize(index);
                if (size[0] > ImageLoader.TESSERACT_MAX_SIDE || size[1] > ImageLoader.TESSERACT_MAX_SIDE
                        || (maxPixels > 0 && (long) size[0] * size[1] > maxPixels)) {
                    throw new OcrException(Kind.IMAGE_TOO_LARGE, where + " is " + size[0] + "x" + size[1] + " px at " + dpi
                            + " dpi, over the limit; use a lower --pdf-dpi");
                }
                renderer.failures.clear();
                renderer.problems.clear();
                BufferedImage img = render(index, where);
                if (!renderer.failures.isEmpty()) {
                    throw imageFailure(where, renderer.failures.get(0));
                }
                for (String p : renderer.problems) {
                    log.info("{}: {} (skipped)", where, p);
                }
                GrayImage gray = GrayImage.from(img);
                Picture picture = colour && Colour.hasColour(img) ? new Picture.Pixels(img, true) : null;
                return Page.of(index + 1, gray, dpi, picture);
            } catch (OcrException e) {
                throw e;
            } catch (OutOfMemoryError e) {
                throw new OcrException(Kind.IMAGE_TOO_LARGE, where + ": not enough memory to render at " + dpi
                        + " dpi (raise -Xmx or lower --pdf-dpi)");
            } catch (IOException | RuntimeException | StackOverflowError e) {
                if (!renderer.failures.isEmpty()) {
                    throw imageFailure(where, renderer.failures.get(0));
                }
                log.debug("PDF failure on {}", where, e);
                throw new OcrException(Kind.INPUT_UNREADABLE, where + ": unreadable PDF (" + message(e) + ")", e);
            } finally {
                renderer.failures.clear();
                renderer.problems.clear();
                loadNanos += System.nanoTime() - t0;
            }
        }

        /**
         * Renders page {@code index}; a page that can draw a JPEG 2000 image is rendered under
         * {@link Jpeg2000Deadline}, since its decoder can loop for ever on a corrupt image. A
         * rendering stopped there may leave PDFBox's caches for that page's resources half
         * built; the page fails either way.
         */
        private BufferedImage render(int index, String where) throws IOException {
            ImageType type = colour ? ImageType.RGB : ImageType.GRAY;
            long jpx = JpxImages.pixels(doc.getPage(index));
            if (jpx == 0) {
                return renderer.renderImageWithDPI(index, dpi, type);
            }
            try {
                return Jpeg2000Deadline.run(() -> renderer.renderImageWithDPI(index, dpi, type), jpx);
            } catch (Jpeg2000Deadline.Exceeded e) {
                throw new OcrException(Kind.INPUT_UNREADABLE, where + ": unreadable PDF image (" + e.getMessage() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OcrException(Kind.INTERRUPTED, where + ": interrupted");
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }

        private OcrException imageFailure(String where, Throwable e) {
            log.debug("image failure on {}", where, e);
            if (e instanceof ImageTooLarge) {
                return new OcrException(Kind.IMAGE_TOO_LARGE, where + ": " + e.getMessage(), e);
            }
            if (e instanceof MissingImageReaderException) {
                return new OcrException(Kind.UNSUPPORTED_FORMAT, where + ": image in a format ocr-cli cannot decode (" + message(e) + ")", e);
            }
            return new OcrException(Kind.INPUT_UNREADABLE, where + ": unreadable PDF image (" + message(e) + ")", e);
        }

        @Override
        public String existingText(int index) {
            long t0 = System.nanoTime();
            try {
                if (stripper == null) {
                    stripper = new PDFTextStripper();
                }
                stripper.setStartPage(index + 1);
                stripper.setEndPage(index + 1);
                String text = stripper.getText(doc);
                return text.strip().isEmpty() ? null : text.strip() + "\n";
            } catch (IOException | RuntimeException | StackOverflowError e) {
                // no usable text layer: the page is rendered and recognised instead
                log.debug("no text layer on {}: {}", where(index), e.toString());
                return null;
            } finally {
                loadNanos += System.nanoTime() - t0;
            }
        }

        @Override
        public long loadMillis() {
            return loadNanos / 1_000_000;
        }

        @Override
        public void close() {
            try {
                doc.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing {}: {}", label, e.toString());
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "PDF %s (%d pages at %d dpi)", label, count, dpi);
        }
    }

    /** An image on the page over the size limit: the page is refused as too large, not as damaged. */
    private static final class ImageTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        ImageTooLarge(String message) {
            super(message);
        }
    }

    /**
     * A renderer whose page drawer remembers every image it failed to draw: PDFBox logs such
     * failures and goes on, which would leave a blank where a scanned page's text was.
     */
    private final class CheckedRenderer extends PDFRenderer {
        final List<Throwable> failures = new ArrayList<>();
        /** What PDFBox skipped on the page (an operator it could not run), each once, for {@code -v}. */
        final Set<String> problems = new java.util.LinkedHashSet<>();

        CheckedRenderer(PDDocument doc) {
            super(doc);
            // images larger than the rendered page are read at the page's resolution: less memory, same text
            setSubsamplingAllowed(true);
        }

        @Override
        protected PageDrawer createPageDrawer(PageDrawerParameters parameters) throws IOException {
            return new PageDrawer(parameters) {
                @Override
                public void drawImage(PDImage image) throws IOException {
                    int w = image.getWidth();
                    int h = image.getHeight();
                    if (w <= 0 || h <= 0 || w > MAX_IMAGE_SIDE || h > MAX_IMAGE_SIDE) {
                        IOException e = new IOException("an image declares " + w + "x" + h + " px");
                        failures.add(e);
                        throw e;
                    }
                    if ((long) w * h > maxImagePixels) {
                        IOException e = new ImageTooLarge("an image of " + w + "x" + h + " px (" + (long) w * h / 1_000_000
                                + " MP), more than the " + maxImagePixels / 1_000_000 + " MP ocr-cli decodes inside a PDF");
                        failures.add(e);
                        throw e;
                    }
                    try {
                        super.drawImage(image);
                    } catch (IOException | RuntimeException e) {
                        failures.add(e);
                        throw e;
                    }
                }

                @Override
                protected void operatorException(Operator operator, List<COSBase> operands, IOException e) throws IOException {
                    if (problems.size() < 20) {
                        problems.add("PDF operator " + operator.getName() + ": " + message(e));
                    }
                    super.operatorException(operator, operands, e);
                }
            };
        }
    }
}
