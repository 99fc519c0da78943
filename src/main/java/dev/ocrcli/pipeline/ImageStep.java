package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/**
 * A step of the pipeline that works on the image before it is recognised ({@code invert},
 * {@code deskew}, {@code rescale}, ...). When it changes the geometry it says how to map
 * coordinates back, so boxes still come out in the pixels of the image as loaded.
 */
public interface ImageStep extends Step {
    /** Tesseract reads no image with a side over this many pixels: no step makes one. */
    int MAX_SIDE = 32767;

    /**
     * Measures the image, decides, and does the work when the measurement calls for it.
     *
     * @return the result, or {@link Outcome#skipped} with what was measured
     */
    Outcome apply(GrayImage image);

    /**
     * What an image step did.
     *
     * @param image     the resulting image (the input itself when skipped)
     * @param toInput   maps coordinates of the result back to the step's input
     * @param applied   whether anything changed
     * @param detail    a short human-readable note of what was measured or done
     */
    record Outcome(GrayImage image, Affine toInput, boolean applied, String detail) {
        public static Outcome skipped(GrayImage image, String detail) {
            return new Outcome(image, Affine.IDENTITY, false, detail);
        }

        public static Outcome changed(GrayImage image, String detail) {
            return new Outcome(image, Affine.IDENTITY, true, detail);
        }
    }
}
