package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/** A margin of paper around the page, so text touching the edge is still segmented. */
final class PadStep implements Step {
    static final int MARGIN = 16;

    @Override
    public String name() {
        return "pad";
    }

    @Override
    public Outcome apply(GrayImage img) {
        return new Outcome(img.padded(MARGIN), Affine.translate(-MARGIN, -MARGIN), true, MARGIN + " px margin");
    }
}
