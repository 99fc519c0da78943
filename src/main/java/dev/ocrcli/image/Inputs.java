package dev.ocrcli.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens any supported input, image or PDF, as a {@link PageSource} whose pages are decoded or
 * rendered one at a time: PDFs are recognised by their {@code %PDF-} signature (the one place
 * that test lives) and handed to {@link PdfLoader} (PDFBox is loaded only then), everything else
 * to {@link ImageLoader}.
 */
public final class Inputs {
    private final ImageLoader images;
    private final int pdfDpi;
    private final long maxPixels;
    private final boolean colour;

    /**
     * @param maxPixels refuse pages with more pixels than this (0: no fixed limit)
     * @param pdfDpi    resolution PDF pages are rendered at
     */
    public Inputs(long maxPixels, int pdfDpi) {
        this(maxPixels, pdfDpi, false);
    }

    /**
     * @param maxPixels refuse pages with more pixels than this (0: no fixed limit)
     * @param pdfDpi    resolution PDF pages are rendered at
     * @param colour    keep a colour copy of colour pages, for searchable PDF output (memory: only then)
     */
    public Inputs(long maxPixels, int pdfDpi, boolean colour) {
        this.images = new ImageLoader(maxPixels, colour);
        this.pdfDpi = pdfDpi;
        this.maxPixels = maxPixels;
        this.colour = colour;
    }

    /** Opens a file. */
    public PageSource open(Path path) {
        if (isPdf(path)) {
            return new PdfLoader(pdfDpi, maxPixels, colour).open(path);
        }
        return images.open(path);
    }

    /** Opens bytes already in memory (standard input, an upload). */
    public PageSource open(byte[] bytes, String label) {
        if (isPdf(bytes)) {
            return new PdfLoader(pdfDpi, maxPixels, colour).open(bytes, label);
        }
        return images.open(bytes, label);
    }

    /** True when the bytes start with the PDF signature. */
    public static boolean isPdf(byte[] head) {
        return head.length >= 5 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F' && head[4] == '-';
    }

    /** True when the file starts with the PDF signature (false when it cannot be read: the image loader then says why). */
    public static boolean isPdf(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return isPdf(in.readNBytes(5));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
