package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/**
 * One named preprocessing step. A step measures the image and decides for itself whether it is
 * needed (a clean upright page passes through every step unchanged); when it changes the
 * geometry it says how to map coordinates back.
 */
public interface Step {
    /** The name used on the command line ({@code --preprocess deskew,rescale}). */
    String name();

    /** Applies the step, or returns {@link Outcome#skipped} when the image does not need it. */
    Outcome apply(GrayImage image);

    /**
     * What a step did.
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
