package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/** Light text on a dark page: turned into dark on light, the way the models were trained. */
final class InvertStep implements Step {
    @Override
    public String name() {
        return "invert";
    }

    @Override
    public Outcome apply(GrayImage img) {
        int median = Analysis.percentile(Analysis.histogram(img), 0.5);
        if (median >= 110) {
            return Outcome.skipped(img, "background " + median);
        }
        byte[] p = img.pixels();
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (byte) (255 - (p[i] & 0xff));
        }
        return Outcome.changed(new GrayImage(img.width(), img.height(), out), "dark background " + median + ", inverted");
    }
}
