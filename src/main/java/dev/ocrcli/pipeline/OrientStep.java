package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Orientation;

/**
 * The {@code orient} step: a page read weakly (mean word confidence under {@value #WEAK_CONFIDENCE})
 * may be turned by 90, 180 or 270 degrees. Tesseract's orientation detection ({@code osd}) is asked
 * how far to turn it; the turned page goes through the image steps and is read again, and the
 * reading with more confident text is kept.
 */
final class OrientStep implements ReadingStep {
    /** Below this mean word confidence a page may be turned; the orientation check runs. */
    static final double WEAK_CONFIDENCE = 60;

    @Override
    public String name() {
        return "orient";
    }

    @Override
    public Outcome apply(Reading first, PageContext page) {
        double conf = first.meanConfidence();
        if (conf >= WEAK_CONFIDENCE) {
            return Outcome.skipped(first, "reads well (confidence " + Math.round(conf) + ")");
        }
        int turn = page.readings().uprightTurn(first.image(), page.dpi());
        String detail = "reads weakly (confidence " + Math.round(conf) + "), orientation check says turn " + turn;
        if (turn == 0) {
            return Outcome.skipped(first, detail);
        }
        GrayImage turned = Orientation.rotateClockwise(page.input(), turn);
        Reading second = page.pipeline().readImage(turned, page.dpi(), page.readings(), name());
        if (second.score() <= first.score()) {
            return Outcome.skipped(first, detail + ", kept as is");
        }
        Affine back = turnBack(turn, page.input().width(), page.input().height()).after(second.toInput());
        return new Outcome(new Reading(second.image(), back, second.dpi(), second.tree(), second.imageSteps()), true, detail + ", turned");
    }

    /** Maps coordinates of the image turned clockwise by {@code degrees} back to the {@code w x h} original. */
    static Affine turnBack(int degrees, int w, int h) {
        return switch (degrees) {
            case 90 -> new Affine(0, 1, 0, -1, 0, h);
            case 180 -> new Affine(-1, 0, w, 0, -1, h);
            case 270 -> new Affine(0, -1, w, 1, 0, 0);
            default -> Affine.IDENTITY;
        };
    }
}
