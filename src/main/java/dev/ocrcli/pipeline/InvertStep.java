package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/** Light text on a dark page: turned into dark on light, the way the models were trained. */
final class InvertStep implements ImageStep {
    @Override
    public String name() {
        return "invert";
    }

    @Override
    public Outcome apply(GrayImage img) {
        // Text is the minority: whichever side of Otsu's threshold has fewer pixels is ink.
        int[] hist = img.histogram();
        int t = Analysis.otsu(hist);
        long dark = 0;
        long total = 0;
        for (int i = 0; i < 256; i++) {
            total += hist[i];
            if (i <= t) {
                dark += hist[i];
            }
        }
        double darkShare = total == 0 ? 0 : (double) dark / total;
        String d = String.format(java.util.Locale.ROOT, "dark share %.2f", darkShare);
        if (darkShare <= 0.6) {
            return Outcome.skipped(img, d);
        }
        byte[] p = img.pixels();
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = (byte) (255 - (p[i] & 0xff));
        }
        return Outcome.changed(new GrayImage(img.width(), img.height(), out), d + ", light text on dark: inverted");
    }
}
