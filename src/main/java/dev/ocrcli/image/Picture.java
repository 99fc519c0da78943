package dev.ocrcli.image;

import java.awt.image.BufferedImage;

/**
 * A page's picture in colour, kept next to its grey pixels only when a searchable PDF is written
 * (the text layer is what matters, but the picture shown is the user's). Grey pages have none.
 */
public sealed interface Picture permits Picture.Jpeg, Picture.Pixels {
    /** Width in pixels (that of the page). */
    int width();

    /** Height in pixels. */
    int height();

    /**
     * The input's own JPEG bytes, embedded as they are (no second lossy compression, and a few
     * hundred KB instead of a decoded page in memory).
     */
    record Jpeg(byte[] bytes, int width, int height) implements Picture {}

    /**
     * Decoded colour pixels (RGB).
     *
     * @param photo true when the source was lossy or rendered from a PDF (a scan): compress as
     *              JPEG; false for lossless sources (PNG, TIFF, BMP, GIF): keep lossless
     */
    record Pixels(BufferedImage image, boolean photo) implements Picture {
        @Override
        public int width() {
            return image.getWidth();
        }

        @Override
        public int height() {
            return image.getHeight();
        }
    }
}
