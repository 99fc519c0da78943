package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cheap measurements of a page that the steps base their decisions on. */
final class Analysis {
    private Analysis() {}

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

    /**
     * A dark-foreground mask: true where the pixel is ink. Shared, not copied: several steps ask
     * for the mask of the same page, so the last few are kept (see {@link #measures}); callers
     * must not modify it.
     */
    static boolean[] inkMask(GrayImage img) {
        Measures m = measures(img);
        if (m.ink == null) {
            int t = otsu(img.histogram());
            byte[] p = img.pixels();
            boolean[] ink = new boolean[p.length];
            for (int i = 0; i < p.length; i++) {
                ink[i] = (p[i] & 0xff) <= t;
            }
            m.ink = ink;
        }
        return m.ink;
    }

    /** The {@link #components} of the image's {@link #inkMask}, kept like the mask (callers must not modify them). */
    static List<int[]> inkComponents(GrayImage img) {
        Measures m = measures(img);
        if (m.components == null) {
            m.components = components(inkMask(img), img.width(), img.height());
        }
        return m.components;
    }

    /** Bounding boxes {x0, y0, x1, y1} (exclusive ends) of the 8-connected components of a mask. */
    static List<int[]> components(boolean[] mask, int w, int h) {
        // one pass: provisional labels of the row above and this row, union-find on the labels,
        // and each label's box grown as its pixels come; boxes of joined labels are merged at the end
        int[] above = new int[w];
        int[] here = new int[w];
        int[] parent = new int[1024];
        int[] box = new int[4 * 1024];
        int next = 1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                if (!mask[row + x]) {
                    here[x] = 0;
                    continue;
                }
                int best = 0;
                int n1 = x > 0 ? here[x - 1] : 0;
                int n2 = y > 0 && x > 0 ? above[x - 1] : 0;
                int n3 = y > 0 ? above[x] : 0;
                int n4 = y > 0 && x < w - 1 ? above[x + 1] : 0;
                if (n1 != 0) {
                    best = find(parent, n1);
                }
                best = merge(parent, best, n2);
                best = merge(parent, best, n3);
                best = merge(parent, best, n4);
                if (best == 0) {
                    if (next >= parent.length) {
                        parent = Arrays.copyOf(parent, parent.length * 2);
                        box = Arrays.copyOf(box, box.length * 2);
                    }
                    parent[next] = next;
                    best = next++;
                    int b = 4 * best;
                    box[b] = x;
                    box[b + 1] = y;
                    box[b + 2] = x + 1;
                    box[b + 3] = y + 1;
                } else {
                    int b = 4 * best;
                    box[b] = Math.min(box[b], x);
                    box[b + 2] = Math.max(box[b + 2], x + 1);
                    box[b + 3] = y + 1;
                }
                here[x] = best;
            }
            int[] t = above;
            above = here;
            here = t;
        }
        // fold every label's box into its root's
        for (int l = 1; l < next; l++) {
            int r = find(parent, l);
            if (r != l) {
                int a = 4 * l;
                int b = 4 * r;
                box[b] = Math.min(box[b], box[a]);
                box[b + 1] = Math.min(box[b + 1], box[a + 1]);
                box[b + 2] = Math.max(box[b + 2], box[a + 2]);
                box[b + 3] = Math.max(box[b + 3], box[a + 3]);
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int l = 1; l < next; l++) {
            if (parent[l] == l) {
                int b = 4 * l;
                out.add(new int[] {box[b], box[b + 1], box[b + 2], box[b + 3]});
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
        Measures m = measures(img);
        if (Double.isNaN(m.glyph)) {
            m.glyph = measureGlyphHeight(inkComponents(img), img.height());
        }
        return m.glyph;
    }

    /**
     * What has been measured of one image. The steps measure the same page again and again (each
     * step that leaves the page alone hands the same image to the next), so each thread keeps the
     * measures of its last {@value #KEPT} images. The image itself is held weakly (a page is never
     * kept alive by them); its mask is held until newer images push it out, so a worker thread
     * holds at most {@value #KEPT} masks of finished pages. Holding them only as long as their
     * image lives (a weak map) let masks pile up between collections: RSS grew 18% over 1000
     * images in {@code bench/batch.sh}, against 6% with this bound.
     */
    private static final class Measures {
        final java.lang.ref.WeakReference<GrayImage> image;
        boolean[] ink;
        List<int[]> components;
        double glyph = Double.NaN;

        Measures(GrayImage image) {
            this.image = new java.lang.ref.WeakReference<>(image);
        }
    }

    private static final int KEPT = 3;
    private static final ThreadLocal<java.util.ArrayDeque<Measures>> MEASURED = ThreadLocal.withInitial(java.util.ArrayDeque::new);

    private static Measures measures(GrayImage img) {
        java.util.ArrayDeque<Measures> kept = MEASURED.get();
        for (Measures m : kept) {
            if (m.image.get() == img) {
                return m;
            }
        }
        Measures m = new Measures(img);
        kept.addFirst(m);
        while (kept.size() > KEPT) {
            kept.removeLast();
        }
        return m;
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
