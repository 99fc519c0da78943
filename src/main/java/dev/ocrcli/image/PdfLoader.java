package dev.ocrcli.image;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads PDF documents with Apache PDFBox, rendering one page at a time, in grey, at a chosen
 * resolution; also tells whether a page already carries text. Used through {@link Inputs}, so
 * PDFBox is loaded only when a PDF comes along.
 */
public final class PdfLoader {
    private final int dpi;
    private final long maxPixels;

    /**
     * @param dpi       resolution pages are rendered at (72..1200)
     * @param maxPixels refuse pages with more pixels than this at that resolution (0: no fixed limit)
     */
    public PdfLoader(int dpi, long maxPixels) {
        if (dpi < 36 || dpi > 1200) {
            throw new OcrException(Kind.BAD_ARGUMENT, "PDF resolution must be between 36 and 1200 dpi, not " + dpi);
        }
        this.dpi = dpi;
        this.maxPixels = maxPixels;
    }

    /** Opens a PDF file; pages are rendered when asked for. */
    public PageSource open(Path path) {
        long t0 = System.nanoTime();
        String label = path.toString();
        if (Files.isDirectory(path)) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": is a directory");
        }
        try {
            return new Source(label, Loader.loadPDF(path.toFile()), t0);
        } catch (NoSuchFileException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": no such file");
        } catch (AccessDeniedException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": permission denied");
        } catch (InvalidPasswordException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": encrypted PDF (password required)");
        } catch (IOException | RuntimeException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt PDF (" + message(e) + ")");
        }
    }

    /** Opens a PDF held in memory. */
    public PageSource open(byte[] bytes, String label) {
        long t0 = System.nanoTime();
        try {
            return new Source(label, Loader.loadPDF(bytes), t0);
        } catch (InvalidPasswordException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": encrypted PDF (password required)");
        } catch (IOException | RuntimeException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt PDF (" + message(e) + ")");
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ").trim();
    }

    private final class Source implements PageSource {
        private final String label;
        private final PDDocument doc;
        private final PDFRenderer renderer;
        private PDFTextStripper stripper;
        private long loadNanos;

        Source(String label, PDDocument doc, long t0) {
            this.label = label;
            this.doc = doc;
            this.renderer = new PDFRenderer(doc);
            this.loadNanos = System.nanoTime() - t0;
            if (doc.getNumberOfPages() == 0) {
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
            return doc.getNumberOfPages();
        }

        @Override
        public int[] pageSize(int index) {
            PDPage p = doc.getPage(index);
            PDRectangle box = p.getCropBox();
            int w = (int) Math.ceil(box.getWidth() / 72f * dpi);
            int h = (int) Math.ceil(box.getHeight() / 72f * dpi);
            int rot = ((p.getRotation() % 360) + 360) % 360;
            return rot == 90 || rot == 270 ? new int[] {h, w} : new int[] {w, h};
        }

        @Override
        public int pageDpi(int index) {
            return dpi;
        }

        @Override
        public Page page(int index) {
            long t0 = System.nanoTime();
            int[] size = pageSize(index);
            String where = label + ": page " + (index + 1);
            if (size[0] <= 0 || size[1] <= 0) {
                throw new OcrException(Kind.INPUT_UNREADABLE, where + ": empty page");
            }
            if (size[0] > ImageLoader.TESSERACT_MAX_SIDE || size[1] > ImageLoader.TESSERACT_MAX_SIDE
                    || (maxPixels > 0 && (long) size[0] * size[1] > maxPixels)) {
                throw new OcrException(Kind.IMAGE_TOO_LARGE, where + " is " + size[0] + "x" + size[1] + " px at " + dpi
                        + " dpi, over the limit; use a lower --pdf-dpi");
            }
            try {
                BufferedImage img = renderer.renderImageWithDPI(index, dpi, ImageType.GRAY);
                GrayImage gray = GrayImage.from(img);
                return Page.of(index + 1, gray, dpi);
            } catch (OutOfMemoryError e) {
                throw new OcrException(Kind.IMAGE_TOO_LARGE, where + ": not enough memory to render at " + dpi + " dpi (raise -Xmx or lower --pdf-dpi)");
            } catch (IOException | RuntimeException e) {
                throw new OcrException(Kind.INPUT_UNREADABLE, where + ": cannot render (" + message(e) + ")");
            } finally {
                loadNanos += System.nanoTime() - t0;
            }
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
            } catch (IOException | RuntimeException e) {
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
            } catch (IOException e) {
                // nothing to do
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "PDF %s (%d pages at %d dpi)", label, pageCount(), dpi);
        }
    }
}
