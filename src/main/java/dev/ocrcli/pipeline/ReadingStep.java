package dev.ocrcli.pipeline;

import java.util.function.Predicate;

/**
 * A step of the pipeline that works on what was read (the reading steps are those of
 * {@link Steps#ALL} whose {@link Steps.Info#image()} is false): it measures the reading (and
 * the image it was read from), decides, and where it acts returns a new reading, often made with
 * other readings of the page or of parts of it, asked of {@link PageContext#readings()} and merged
 * by geometry.
 */
public interface ReadingStep extends Step {
    /**
     * Measures, decides, and does the work when the measurement calls for it.
     *
     * @param reading what was read so far (boxes in the coordinates of {@link Reading#image()})
     * @param page    the page being read and the services the step may use
     */
    Outcome apply(Reading reading, PageContext page);

    /**
     * Words whose characters (glyphs, with their boxes) this step needs; they are collected while
     * the page is recognised, for every reading made of it. None by default.
     */
    default Predicate<String> wantsGlyphs() {
        return word -> false;
    }

    /**
     * What a reading step did.
     *
     * @param reading the reading after the step (the same object when it did not act)
     * @param applied whether it changed anything
     * @param detail  what it measured and did, for people
     */
    record Outcome(Reading reading, boolean applied, String detail) {
        /** The step measured and left the reading as it was. */
        public static Outcome skipped(Reading reading, String detail) {
            return new Outcome(reading, false, detail);
        }
    }
}
