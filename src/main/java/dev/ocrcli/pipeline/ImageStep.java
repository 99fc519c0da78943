package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/**
 * A step of the pipeline that works on the image before it is recognised ({@code invert},
 * {@code deskew}, {@code rescale}, ...). When it changes the geometry it says how to map
 * coordinates back, so boxes still come out in the pixels of the image as loaded.
 *
 * <p>{@link Pipeline} knows no step by name or class: besides {@link #apply}, a step may estimate
 * the page's resolution ({@link Outcome#estimatedDpi}), take over the {@code --max-size} cap
 * ({@link #handlesMaxSize}), and check the page's first reading against a reading made without
 * it ({@link #confirm}).
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
     * Whether this step applies the {@code --max-size} cap itself; when a step that does runs,
     * the pipeline does not scale the image down again after the image steps. False by default.
     */
    default boolean handlesMaxSize() {
        return false;
    }

    /**
     * Called by the pipeline for every image step, in order, with the page's first reading (the
     * page layout's, after the image steps), before the reading steps: a step whose work may cost
     * more than it gives reads the page again without it and returns whichever reading it keeps
     * (with its report amended to say so). Returns {@code first} by default.
     *
     * @param first the first reading, with the image steps' reports ({@link Reading#imageSteps()})
     * @param page  the page being read and the services the step may use
     */
    default Reading confirm(Reading first, PageContext page) {
        return first;
    }

    /**
     * What an image step did.
     *
     * @param image     the resulting image (the input itself when skipped)
     * @param toInput   maps coordinates of the result back to the step's input
     * @param applied   whether anything changed
     * @param detail    a short human-readable note of what was measured or done
     * @param estimatedDpi the resolution the step estimated for its result, for Tesseract to read
     *                  it at instead of the declared one (0: none; the last applied step's estimate counts)
     */
    record Outcome(GrayImage image, Affine toInput, boolean applied, String detail, int estimatedDpi) {
        /** An outcome that estimates no resolution. */
        public Outcome(GrayImage image, Affine toInput, boolean applied, String detail) {
            this(image, toInput, applied, detail, 0);
        }

        public static Outcome skipped(GrayImage image, String detail) {
            return new Outcome(image, Affine.IDENTITY, false, detail);
        }

        public static Outcome changed(GrayImage image, String detail) {
            return new Outcome(image, Affine.IDENTITY, true, detail);
        }

        /** The image unchanged, read at the resolution {@code dpi} the step estimated. */
        public static Outcome estimated(GrayImage image, int dpi, String detail) {
            return new Outcome(image, Affine.IDENTITY, true, detail, dpi);
        }
    }
}
