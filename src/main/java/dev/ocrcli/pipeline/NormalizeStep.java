package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Resize;

import java.util.Locale;

/**
 * Background normalisation: divides the page by an estimate of its paper brightness (a local
 * maximum over coarse blocks, smoothly interpolated), which flattens shadows, gradients and grey
 * or tinted paper, then stretches the contrast. Used when the background is uneven or the
 * contrast low; a clean white page is left alone.
 */
final class NormalizeStep implements ImageStep {
    static final int BLOCK = 32;

    @Override
    public String name() {
        return "normalize";
    }

    @Override
    public Outcome apply(GrayImage img) {
        int[] hist = img.histogram();
        int dark = GrayImage.percentile(hist, 0.01);
        int paper = GrayImage.percentile(hist, 0.9);
        GrayImage grid = paperGrid(img);
        int[] bgHist = grid.histogram();
        int unevenness = GrayImage.percentile(bgHist, 0.95) - GrayImage.percentile(bgHist, 0.05);
        String d = String.format(Locale.ROOT, "paper %d, ink %d, background spread %d", paper, dark, unevenness);
        // Only grey or tinted paper, faint ink, or strong shading: on an ordinary scan the
        // division reshapes glyph edges and costs more than it gives.
        if (paper >= 200 && paper - dark >= 130 && unevenness <= 40) {
            return Outcome.skipped(img, d);
        }
        byte[] p = img.pixels();
        byte[] b = Resize.to(grid, img.width(), img.height()).pixels();
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            int bv = Math.max(1, b[i] & 0xff);
            int v = (int) Math.round(255.0 * (p[i] & 0xff) / bv);
            out[i] = (byte) Math.min(255, v);
        }
        GrayImage flat = new GrayImage(img.width(), img.height(), out);
        return Outcome.changed(stretch(flat), d + ", normalised");
    }

    /** Paper brightness per block of {@value #BLOCK} px: each block's 90th percentile, spread into neighbouring ink-heavy blocks. */
    static GrayImage paperGrid(GrayImage img) {
        int bw = Math.max(1, (img.width() + BLOCK - 1) / BLOCK);
        int bh = Math.max(1, (img.height() + BLOCK - 1) / BLOCK);
        byte[] blocks = new byte[bw * bh];
        int[] hist = new int[256];
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                java.util.Arrays.fill(hist, 0);
                int n = 0;
                for (int y = by * BLOCK; y < Math.min(img.height(), (by + 1) * BLOCK); y++) {
                    for (int x = bx * BLOCK; x < Math.min(img.width(), (bx + 1) * BLOCK); x++) {
                        hist[img.get(x, y)]++;
                        n++;
                    }
                }
                blocks[by * bw + bx] = (byte) GrayImage.percentile(hist, 0.9);
            }
        }
        // let bright paper spread into blocks that are mostly ink (a 3x3 maximum)
        byte[] grown = blocks.clone();
        for (int by = 0; by < bh; by++) {
            for (int bx = 0; bx < bw; bx++) {
                int m = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int x = bx + dx;
                        int y = by + dy;
                        if (x >= 0 && y >= 0 && x < bw && y < bh) {
                            m = Math.max(m, blocks[y * bw + x] & 0xff);
                        }
                    }
                }
                grown[by * bw + bx] = (byte) m;
            }
        }
        return new GrayImage(bw, bh, grown);
    }

    /** Maps the 0.5th..99.5th percentile range onto 0..255. */
    static GrayImage stretch(GrayImage img) {
        int[] hist = img.histogram();
        int lo = GrayImage.percentile(hist, 0.005);
        int hi = GrayImage.percentile(hist, 0.995);
        if (hi - lo < 10) {
            return img;
        }
        byte[] p = img.pixels();
        byte[] out = new byte[p.length];
        for (int i = 0; i < p.length; i++) {
            int v = ((p[i] & 0xff) - lo) * 255 / (hi - lo);
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return new GrayImage(img.width(), img.height(), out);
    }
}
