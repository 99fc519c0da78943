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
        int fill = Analysis.percentile(Analysis.histogram(img), 0.9);
        int w = img.width() + 2 * MARGIN;
        int h = img.height() + 2 * MARGIN;
        byte[] out = new byte[w * h];
        java.util.Arrays.fill(out, (byte) fill);
        for (int y = 0; y < img.height(); y++) {
            System.arraycopy(img.pixels(), y * img.width(), out, (y + MARGIN) * w + MARGIN, img.width());
        }
        return new Outcome(new GrayImage(w, h, out), Affine.translate(-MARGIN, -MARGIN), true, MARGIN + " px margin");
    }
}
