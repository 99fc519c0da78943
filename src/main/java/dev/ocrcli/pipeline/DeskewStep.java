package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

import java.util.Locale;

/**
 * Straightens text lines skewed by up to {@value #MAX_DEGREES} degrees either way. The angle is
 * the one whose horizontal projection of the ink is sharpest (text lines and the gaps between
 * them line up), searched coarse to fine on a reduced copy of the page.
 */
final class DeskewStep implements ImageStep {
    static final double MAX_DEGREES = 20;
    /** Smaller angles are left alone: resampling costs more than they hurt. */
    static final double MIN_DEGREES = 0.25;

    @Override
    public String name() {
        return "deskew";
    }

    @Override
    public Outcome apply(GrayImage img) {
        double angle = estimateDegrees(img);
        String a = String.format(Locale.ROOT, "%.2f deg", angle);
        if (Double.isNaN(angle) || Math.abs(angle) < MIN_DEGREES) {
            return Outcome.skipped(img, "skew " + a);
        }
        double r = Math.toRadians(angle);
        double cos = Math.abs(Math.cos(r));
        double sin = Math.abs(Math.sin(r));
        int w = (int) Math.ceil(img.width() * cos + img.height() * sin);
        int h = (int) Math.ceil(img.width() * sin + img.height() * cos);
        if (Math.max(w, h) > MAX_SIDE) {
            return Outcome.skipped(img, "skew " + a + ", but the straightened page would be over " + MAX_SIDE + " px");
        }
        Affine toInput = Affine.translate(img.width() / 2.0, img.height() / 2.0)
                .after(Affine.rotate(r))
                .after(Affine.translate(-w / 2.0, -h / 2.0));
        int fill = img.percentile(0.9);
        GrayImage out = Geometry.warp(img, w, h, toInput, fill);
        return new Outcome(out, toInput, true, "skew " + a + ", straightened");
    }

    /** The skew in degrees (positive: lines fall to the right), NaN when the page has too little ink. */
    static double estimateDegrees(GrayImage img) {
        int k = (int) Math.ceil(Math.max(img.width(), img.height()) / 1000.0);
        GrayImage small = k > 1 ? Analysis.shrink(img, k) : img;
        boolean[] ink = Analysis.inkMask(small);
        int w = small.width();
        int h = small.height();
        int count = 0;
        for (boolean b : ink) {
            if (b) {
                count++;
            }
        }
        if (count < 50 || count > ink.length * 0.6) {
            return Double.NaN;
        }
        int stride = Math.max(1, count / 60_000);
        int n = 0;
        float[] xs = new float[count / stride + 1];
        float[] ys = new float[count / stride + 1];
        int seen = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ink[y * w + x] && (seen++ % stride) == 0 && n < xs.length) {
                    xs[n] = x - w / 2f;
                    ys[n] = y - h / 2f;
                    n++;
                }
            }
        }
        int bins = (int) Math.ceil(Math.hypot(w, h)) + 4;
        int[] hist = new int[bins];
        double best = 0;
        double bestScore = -1;
        for (double a = -MAX_DEGREES; a <= MAX_DEGREES + 1e-9; a += 1.0) {
            double s = score(xs, ys, n, a, hist);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        double center = best;
        double coarse = best;
        for (double a = center - 1.0; a <= center + 1.0 + 1e-9; a += 0.1) {
            double s = score(xs, ys, n, a, hist);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        // a last pass at 0.02 degree steps around the best tenth
        center = best;
        for (double a = center - 0.1; a <= center + 0.1 + 1e-9; a += 0.02) {
            double s = score(xs, ys, n, a, hist);
            if (s > bestScore) {
                bestScore = s;
                best = a;
            }
        }
        return Math.abs(best - coarse) > 1.0 ? coarse : best;
    }

    private static double score(float[] xs, float[] ys, int n, double degrees, int[] hist) {
        double r = Math.toRadians(degrees);
        double cos = Math.cos(r);
        double sin = Math.sin(r);
        java.util.Arrays.fill(hist, 0);
        int off = hist.length / 2;
        for (int i = 0; i < n; i++) {
            int bin = (int) Math.round(ys[i] * cos - xs[i] * sin) + off;
            if (bin >= 0 && bin < hist.length) {
                hist[bin]++;
            }
        }
        double s = 0;
        for (int v : hist) {
            s += (double) v * v;
        }
        return s;
    }
}
