package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.StepReport;
import dev.ocrcli.result.Word;

import java.util.List;

/**
 * One reading of a page, as it passes from step to step: the image the engine read, what it read
 * there (a page tree, boxes in that image's coordinates), and how to map those coordinates back to
 * the image the pipeline was given. Immutable.
 *
 * @param image      what the engine read (after the image steps)
 * @param toInput    maps {@code image}'s coordinates to those of the pipeline's input
 * @param dpi        the resolution the engine was told for {@code image}, 0 when unknown
 * @param tree       what was read
 * @param imageSteps what the image steps measured and did to make {@code image}
 */
public record Reading(GrayImage image, Affine toInput, int dpi, PageTree tree, List<StepReport> imageSteps) {
    public Reading {
        imageSteps = List.copyOf(imageSteps);
    }

    /** The same reading with another tree (same image, same coordinates). */
    public Reading withTree(PageTree other) {
        return other == tree ? this : new Reading(image, toInput, dpi, other, imageSteps);
    }

    /** Mean word confidence, 0..100. */
    public double meanConfidence() {
        return tree.meanConfidence();
    }

    /**
     * How much confident text the reading holds: each word's length times the square of its
     * confidence (0..1), summed. Longer confident words count more; junk read from a turned page or
     * from a picture counts little. Readings of the same image are compared by it.
     */
    public double score() {
        return score(tree);
    }

    /** {@link #score()} of any tree. */
    public static double score(PageTree tree) {
        return score(tree.words());
    }

    /** {@link #score()} of some words. */
    public static double score(List<Word> words) {
        double s = 0;
        for (Word w : words) {
            double c = w.confidence() / 100;
            s += w.text().length() * c * c;
        }
        return s;
    }
}
