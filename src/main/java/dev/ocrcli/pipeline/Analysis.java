package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cheap measurements of a page that the steps base their decisions on. */
final class Analysis {
    private Analysis() {}

    static int[] histogram(GrayImage img) {
        int[] h = new int[256];
        for (byte b : img.pixels()) {
            h[b & 0xff]++;
        }
        return h;
    }

    /** Averages {@code k x k} blocks: a quick reduction for measurements (not for recognition). */
    static GrayImage shrink(GrayImage img, int k) {
        int w = img.width() / k;
        int h = img.height() / k;
        if (w < 1 || h < 1) {
            return img;
        }
        byte[] src = img.pixels();
        int sw = img.width();
        int[] acc = new int[w];
        byte[] out = new byte[w * h];
        int area = k * k;
        for (int y = 0; y < h; y++) {
            java.util.Arrays.fill(acc, 0);
            for (int dy = 0; dy < k; dy++) {
                int row = (y * k + dy) * sw;
                for (int x = 0; x < w; x++) {
                    int base = row + x * k;
                    int sum = 0;
                    for (int dx = 0; dx < k; dx++) {
                        sum += src[base + dx] & 0xff;
                    }
                    acc[x] += sum;
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) (acc[x] / area);
            }
        }
        return new GrayImage(w, h, out);
    }

    /** The grey value below which {@code fraction} of the pixels lie. */
    static int percentile(int[] hist, double fraction) {
        long total = 0;
        for (int v : hist) {
            total += v;
        }
        long target = (long) Math.ceil(total * fraction);
        long acc = 0;
        for (int i = 0; i < 256; i++) {
            acc += hist[i];
            if (acc >= target) {
                return i;
            }
        }
        return 255;
    }

    /** Otsu's global threshold: pixels {@code <=} it are dark. */
    static int otsu(int[] hist) {
        long total = 0;
        double sum = 0;
        for (int i = 0; i < 256; i++) {
            total += hist[i];
            sum += (double) i * hist[i];
        }
        double sumB = 0;
        long wB = 0;
        double best = -1;
        int threshold = 127;
        for (int t = 0; t < 256; t++) {
            wB += hist[t];
            if (wB == 0) {
                continue;
            }
            long wF = total - wB;
            if (wF == 0) {
                break;
            }
            sumB += (double) t * hist[t];
            double mB = sumB / wB;
            double mF = (sum - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }

    /** A dark-foreground mask: true where the pixel is ink. */
    static boolean[] inkMask(GrayImage img) {
        int t = otsu(histogram(img));
        byte[] p = img.pixels();
        boolean[] m = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            m[i] = (p[i] & 0xff) <= t;
        }
        return m;
    }

    /** Bounding boxes {x0, y0, x1, y1} (exclusive ends) of the 8-connected components of a mask. */
    static List<int[]> components(boolean[] mask, int w, int h) {
        int[] label = new int[mask.length];
        int[] parent = new int[mask.length / 2 + 2];
        int next = 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!mask[i]) {
                    continue;
                }
                int best = 0;
                int n1 = x > 0 ? label[i - 1] : 0;
                int n2 = y > 0 && x > 0 ? label[i - w - 1] : 0;
                int n3 = y > 0 ? label[i - w] : 0;
                int n4 = y > 0 && x < w - 1 ? label[i - w + 1] : 0;
                if (n1 != 0) {
                    best = find(parent, n1);
                }
                best = merge(parent, best, n2);
                best = merge(parent, best, n3);
                best = merge(parent, best, n4);
                if (best == 0) {
                    if (next >= parent.length) {
                        parent = Arrays.copyOf(parent, parent.length * 2);
                    }
                    parent[next] = next;
                    best = next++;
                }
                label[i] = best;
            }
        }
        int[][] boxes = new int[next][];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = label[y * w + x];
                if (l == 0) {
                    continue;
                }
                int r = find(parent, l);
                int[] b = boxes[r];
                if (b == null) {
                    boxes[r] = new int[] {x, y, x + 1, y + 1};
                } else {
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x + 1);
                    b[3] = Math.max(b[3], y + 1);
                }
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int[] b : boxes) {
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    /** Joins the set of label {@code n} (if any) with {@code best}; returns the surviving root. */
    private static int merge(int[] parent, int best, int n) {
        if (n == 0) {
            return best;
        }
        int r = find(parent, n);
        if (best == 0 || r == best) {
            return r;
        }
        int lo = Math.min(r, best);
        parent[Math.max(r, best)] = lo;
        return lo;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The typical height of characters in pixels, 0 when the page has too few to tell. Components
     * that cannot be glyphs are dropped (specks, rules, frames, pictures), and the rest are
     * weighted by height, so dust on a stained copy or the dots of a leader line do not pass for
     * tiny text.
     */
    static double glyphHeight(GrayImage img) {
        LastGlyph last = LAST_GLYPH.get();
        if (last != null && last.image().get() == img) {
            return last.height();
        }
        return glyphHeight(img, inkMask(img));
    }

    /** The last image measured on one thread (weakly held, so a page is never kept alive by it) and its glyph height. */
    private record LastGlyph(java.lang.ref.WeakReference<GrayImage> image, double height) {}

    /** The steps after {@code rules} measure the same, unchanged image again: the last answer is kept per thread. */
    private static final ThreadLocal<LastGlyph> LAST_GLYPH = new ThreadLocal<>();

    /** As {@link #glyphHeight(GrayImage)}, with the image's {@link #inkMask} already made. */
    static double glyphHeight(GrayImage img, boolean[] ink) {
        return glyphHeight(img, components(ink, img.width(), img.height()));
    }

    /** As {@link #glyphHeight(GrayImage)}, from the {@link #components} of its ink mask. */
    static double glyphHeight(GrayImage img, List<int[]> cc) {
        double g = measureGlyphHeight(cc, img.height());
        LAST_GLYPH.set(new LastGlyph(new java.lang.ref.WeakReference<>(img), g));
        return g;
    }

    /** Whether a component box {x0, y0, x1, y1} has a letter's shape: not much wider than tall, not a thin stroke. */
    static boolean glyphShaped(int[] b) {
        int bw = b[2] - b[0];
        int bh = b[3] - b[1];
        return bw <= bh * 4 && bh <= bw * 12;
    }

    private static double measureGlyphHeight(List<int[]> cc, int imageHeight) {
        int maxH = Math.max(8, imageHeight / 4);
        int[] weight = new int[maxH + 1];
        long total = 0;
        int n = 0;
        for (int[] b : cc) {
            int bh = b[3] - b[1];
            if (bh < 4 || bh > maxH || !glyphShaped(b)) {
                continue;
            }
            weight[bh] += bh;
            total += bh;
            n++;
        }
        if (n < 10) {
            return 0;
        }
        long acc = 0;
        for (int h = 0; h <= maxH; h++) {
            acc += weight[h];
            if (acc * 2 >= total) {
                return h;
            }
        }
        return 0;
    }
}
