package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/** A margin of paper around the page, so text touching the edge is still segmented. */
final class PadStep implements ImageStep {
    static final int MARGIN = 16;

    @Override
    public String name() {
        return "pad";
    }

    @Override
    public Outcome apply(GrayImage img) {
        int touching = inkOnFrame(img);
        if (touching == 0) {
            return Outcome.skipped(img, "no ink at the edges");
        }
        if (Math.max(img.width(), img.height()) + 2 * MARGIN > MAX_SIDE) {
            return Outcome.skipped(img, touching + " ink pixels at the edges, but a margin would take the page over " + MAX_SIDE + " px");
        }
        return new Outcome(img.padded(MARGIN), Affine.translate(-MARGIN, -MARGIN), true,
                touching + " ink pixels at the edges, " + MARGIN + " px margin");
    }

    /** Ink pixels in the outermost two rows and columns (only worth a margin when text runs off the page). */
    static int inkOnFrame(GrayImage img) {
        int w = img.width();
        int h = img.height();
        if (w < 8 || h < 8) {
            return 1;
        }
        boolean[] ink = Analysis.inkMask(img);
        int n = 0;
        for (int x = 0; x < w; x++) {
            for (int y : new int[] {0, 1, h - 2, h - 1}) {
                n += ink[y * w + x] ? 1 : 0;
            }
        }
        for (int y = 2; y < h - 2; y++) {
            for (int x : new int[] {0, 1, w - 2, w - 1}) {
                n += ink[y * w + x] ? 1 : 0;
            }
        }
        // a page that is mostly ink (a photo, a dark scan) says nothing about text at its edges
        return n > (2L * w + 2L * h) * 2 / 3 ? 0 : n;
    }
}
