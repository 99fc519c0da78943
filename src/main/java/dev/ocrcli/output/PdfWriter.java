package dev.ocrcli.output;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Picture;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/**
 * Searchable PDF: each page is the page image with the recognised words as invisible text on top,
 * placed and stretched over their boxes, so the PDF looks like the scan and its text can be
 * searched, selected and extracted.
 *
 * <p>The format is binary: use {@link #write(OcrResult, OutputStream)} (which has no images and so
 * writes white pages carrying only the text layer) or, to include the images, {@link #open()} and
 * add each page with its image. PDFBox is loaded only when a PDF is actually written.
 */
public final class PdfWriter implements ResultWriter {
    /** Collects pages one at a time (the image is compressed as it is added), then writes the document. */
    public interface PageSink extends AutoCloseable {
        /**
         * Adds a page.
         *
         * @param page  what was recognised on it (boxes in pixels of {@code image})
         * @param image the page image, or null for a white page of the same size
         */
        void add(PageResult page, GrayImage image) throws IOException;

        /**
         * Adds a page showing its colour picture when it has one (the text layer still follows
         * {@code page}'s boxes, in pixels of {@code image}, which the picture matches in size).
         *
         * @param colour the page in colour, or null to show {@code image}
         */
        default void add(PageResult page, GrayImage image, Picture colour) throws IOException {
            add(page, image);
        }

        /** Writes the document; call once. */
        void save(OutputStream out) throws IOException;

        /** Frees the document. */
        @Override
        void close();
    }

    /** A new, empty document. */
    public static PageSink open() {
        return new SearchablePdf();
    }

    @Override
    public void write(OcrResult result, Writer out) {
        throw new UnsupportedOperationException("pdf is a binary format; write it to an OutputStream");
    }

    @Override
    public void write(OcrResult result, OutputStream out) throws IOException {
        try (PageSink sink = open()) {
            for (PageResult p : result.pages()) {
                sink.add(p, null);
            }
            sink.save(out);
        }
        out.flush();
    }

    @Override
    public boolean binary() {
        return true;
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }
}
