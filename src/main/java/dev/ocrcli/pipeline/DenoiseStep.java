package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

import java.util.Locale;

/**
 * Removes speckle with a 3x3 median filter when the page has many isolated dark or light pixels
 * (scanner dust, sensor noise); a clean page is left alone so thin strokes keep their shape.
 */
final class DenoiseStep implements ImageStep {
    /** Share of ink pixels with no ink neighbour above which the page counts as noisy. */
    static final double NOISY = 0.04;

    @Override
    public String name() {
        return "denoise";
    }

    @Override
    public Outcome apply(GrayImage img) {
        double speckle = isolatedShare(img);
        String d = String.format(Locale.ROOT, "speckle %.3f", speckle);
        if (speckle < NOISY) {
            return Outcome.skipped(img, d);
        }
        return Outcome.changed(median3(img), d + ", median filtered");
    }

    static double isolatedShare(GrayImage img) {
        boolean[] ink = Analysis.inkMask(img);
        int w = img.width();
        int h = img.height();
        long inkCount = 0;
        long isolated = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (!ink[i]) {
                    continue;
                }
                inkCount++;
                if (!ink[i - 1] && !ink[i + 1] && !ink[i - w] && !ink[i + w] && !ink[i - w - 1] && !ink[i - w + 1]
                        && !ink[i + w - 1] && !ink[i + w + 1]) {
                    isolated++;
                }
            }
        }
        return inkCount == 0 ? 0 : (double) isolated / inkCount;
    }

    static GrayImage median3(GrayImage img) {
        int w = img.width();
        int h = img.height();
        byte[] p = img.pixels();
        byte[] out = p.clone();
        int[] v = new int[9];
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int k = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    int row = (y + dy) * w + x;
                    v[k++] = p[row - 1] & 0xff;
                    v[k++] = p[row] & 0xff;
                    v[k++] = p[row + 1] & 0xff;
                }
                java.util.Arrays.sort(v);
                out[y * w + x] = (byte) v[4];
            }
        }
        return new GrayImage(w, h, out);
    }
}
