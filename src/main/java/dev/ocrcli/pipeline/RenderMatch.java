package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of two readings of the same words the page's pixels bear out, judged by drawing both: the
 * evidence that decides between readings that differ in a letter ({@code E} or {@code Ǣ},
 * {@code 5} or {@code ҕ}, {@code parallel} or {@code paraŀlel}) where the models' confidences,
 * on different scales and with no dictionary for a rare letter, cannot.
 *
 * <ul>
 *   <li>The ink: the group's crop, binarised with the line's Otsu threshold, the line's full
 *       height, cut to the ink left to right (and widened while the ink goes on past the engine's
 *       boxes, which can cut an italic letter short).</li>
 *   <li>The drawings: both texts as outlines, in one face for both, the one of a few generic
 *       faces and their emboldened and slanted variants that draws the pair best. Heights are
 *       fitted to the line (the whole line as it would read spans the line's box), widths to the
 *       ink within {@value #WIDTH_SLACK}x of the line's, and each shared letter may move a little
 *       (the page's face spaces letters differently); the differing letters move as one block
 *       fitted between their shared neighbours.</li>
 *   <li>The score: the F-measure of drawn pixels on ink and ink pixels under the drawing, each
 *       with a pixel or two of slack, counted only across the differing letters.</li>
 * </ul>
 *
 * <p>Made with {@link #system()}; without any of its faces installed (a machine with no fonts)
 * there is nothing to draw with and the callers keep their other tests.
 */
final class RenderMatch {
    /**
     * Faces drawn, by family: each has Latin, Cyrillic and the rare letters. Generic faces, none of
     * them one the benchmarks hold out.
     */
    static final List<String> FAMILIES = List.of("DejaVu Sans", "DejaVu Serif", "FreeMono");
    /** Slant of the slanted variants (x shift per unit of height). */
    private static final double SLANT = 0.21;
    /** Stroke added around the outlines of the emboldened variants, as a fraction of the ink height. */
    private static final double BOLD = 0.06;
    /** How far a word's drawing may be stretched or squeezed against its line's to fit its ink. */
    static final double WIDTH_SLACK = 1.15;
    /** How far (a fraction of the line's height) each letter may be moved from where its face puts it. */
    static final double SHIFT = 0.12;
    /** Crops smaller than this (pixels high) hold too little to compare. */
    static final int MIN_HEIGHT = 8;

    private static volatile RenderMatch system;

    private final List<Font> fonts;

    RenderMatch(List<Font> fonts) {
        this.fonts = List.copyOf(fonts);
    }

    /** The faces of {@link #FAMILIES} this machine has; null when it has none of them. */
    static RenderMatch system() {
        RenderMatch m = system;
        if (m == null) {
            synchronized (RenderMatch.class) {
                m = system;
                if (m == null) {
                    m = load();
                    system = m;
                }
            }
        }
        return m.fonts.isEmpty() ? null : m;
    }

    private static RenderMatch load() {
        List<Font> found = new ArrayList<>();
        try {
            for (String family : FAMILIES) {
                // a family this machine lacks comes back as a stand-in (Dialog): left out
                Font f = new Font(family, Font.PLAIN, 64);
                if (f.getFamily(Locale.ROOT).equals(family)) {
                    found.add(f);
                }
            }
        } catch (RuntimeException | Error e) {
            // no font configuration at all (a bare container): nothing to draw with
            found.clear();
        }
        return new RenderMatch(found);
    }

    /**
     * How well each of two readings of the same words matches the ink of {@code image} across
     * {@code group} (the words' boxes) and down the whole {@code line}, judged where they differ:
     * both drawings are compared with the ink only over the letters that are not the same in the
     * two ({@code ŀ} against {@code l} in {@code paraŀlel}, not the whole word). Null when there is
     * too little ink to judge or a text cannot be drawn in any face.
     *
     * <p>Each reading is drawn in every face; the face that matches the whole group best is the
     * one whose differing letters count. The drawing's height is fitted to the line: the drawn
     * line (the line as it would read with that reading in it) spans the line's box from top to
     * bottom, so a letter's place between cap height, x-height and descender counts, not only its
     * shape.
     *
     * @return the two scores, 0..1, {@code a}'s first
     */
    double[] compare(GrayImage image, Box line, Box group, String a, String lineA, String b, String lineB) {
        Ink ink = Ink.of(image, line, group);
        if (ink == null || a.isBlank() || b.isBlank()) {
            return null;
        }
        // the letters where the readings differ: what is left after their common start and end
        int[] ca = a.codePoints().toArray();
        int[] cb = b.codePoints().toArray();
        int pre = 0;
        while (pre < ca.length && pre < cb.length && ca[pre] == cb[pre]) {
            pre++;
        }
        int suf = 0;
        while (suf < ca.length - pre && suf < cb.length - pre && ca[ca.length - 1 - suf] == cb[cb.length - 1 - suf]) {
            suf++;
        }
        // one face for both: the one that draws the two best together (their shared letters decide
        // it, and neither reading's own letters can pick a face that flatters them alone)
        Drawing[] pair = null;
        double bestSum = -1;
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (Font f : fonts) {
            if (f.canDisplayUpTo(a + b + lineA + lineB) >= 0) {
                continue;
            }
            GlyphVector ga = f.createGlyphVector(frc, a);
            GlyphVector gb = f.createGlyphVector(frc, b);
            Rectangle2D la = f.createGlyphVector(frc, lineA).getOutline().getBounds2D();
            Rectangle2D lb = f.createGlyphVector(frc, lineB).getOutline().getBounds2D();
            for (int variant = 0; variant < 4; variant++) {
                boolean bold = (variant & 1) != 0;
                boolean slanted = (variant & 2) != 0;
                Drawing da = ink.draw(ga, ca.length, pre, ca.length - suf, la, line.width(), bold, slanted);
                Drawing db = ink.draw(gb, cb.length, pre, cb.length - suf, lb, line.width(), bold, slanted);
                if (da != null && db != null && da.score + db.score > bestSum) {
                    bestSum = da.score + db.score;
                    pair = new Drawing[] {da, db};
                }
            }
        }
        if (pair == null) {
            return null;
        }
        Drawing da = pair[0];
        Drawing db = pair[1];
        if (pre == ca.length && pre == cb.length) {
            return new double[] {da.score, db.score};
        }
        // judged where the readings differ: between the shared letters before and after, as placed
        int x0 = Math.max(0, Math.min(da.gapFrom, db.gapFrom) - ink.slack);
        int x1 = Math.min(ink.cw - 1, Math.max(da.gapTo, db.gapTo) + ink.slack);
        return new double[] {ink.score(da.drawn, x0, x1), ink.score(db.drawn, x0, x1)};
    }

    /**
     * A text drawn onto a word's ink: the drawn pixels; the columns between the letters it shares
     * with the other reading (from the end of the shared start to the beginning of the shared end,
     * its own differing letters included); and the match with the ink over the whole word.
     */
    private record Drawing(boolean[] drawn, int gapFrom, int gapTo, double score) {
    }

    /** A word's ink: a binary mask, cut to the ink left to right and to the line's box top to bottom. */
    private static final class Ink {
        /** The ink's width; the mask is {@link #cw} wide, the ink {@link #pad} from its left. */
        final int w;
        final int pad;
        final int cw;
        final int h;
        final boolean[] mask;
        final boolean[] near;
        final int slack;

        private Ink(int w, int pad, int h, boolean[] mask, boolean[] faint) {
            this.w = w;
            this.pad = pad;
            this.cw = w + 2 * pad;
            this.h = h;
            this.mask = mask;
            this.slack = Math.max(1, Math.round(h / 30f));
            this.near = dilate(faint, cw, h, slack);
        }

        static Ink of(GrayImage image, Box line, Box group) {
            int iw = image.width();
            int y0 = Math.max(0, line.y0());
            int y1 = Math.min(image.height(), line.y1());
            int lx0 = Math.max(0, line.x0());
            int lx1 = Math.min(iw, line.x1());
            int x0 = Math.max(lx0, group.x0());
            int x1 = Math.min(lx1, group.x1());
            if (x1 - x0 < 2 || y1 - y0 < MIN_HEIGHT) {
                return null;
            }
            byte[] px = image.pixels();
            // the threshold of the whole line: steadier than one of a single letter's crop
            int[] hist = new int[256];
            for (int y = y0; y < y1; y++) {
                for (int x = lx0; x < lx1; x++) {
                    hist[px[y * iw + x] & 0xFF]++;
                }
            }
            int t = Analysis.otsu(hist);
            int dark = 0;
            for (int v = 0; v <= t; v++) {
                dark += hist[v];
            }
            // ink is the minority side of the threshold (an inverted crop is read the same)
            boolean inkDark = 2 * dark <= (lx1 - lx0) * (y1 - y0);
            // the engine's boxes can cut a letter short (an italic's overhang): the crop goes on
            // while the ink does, up to half the line's height either side
            int reach = (y1 - y0) / 2;
            for (int k = 0; k < reach && x0 > 0 && hasInk(px, iw, x0 - 1, y0, y1, t, inkDark); k++) {
                x0--;
            }
            for (int k = 0; k < reach && x1 < iw && hasInk(px, iw, x1, y0, y1, t, inkDark); k++) {
                x1++;
            }
            int bx0 = x1;
            int bx1 = x0 - 1;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if (((px[y * iw + x] & 0xFF) <= t) == inkDark) {
                        bx0 = Math.min(bx0, x);
                        bx1 = Math.max(bx1, x);
                    }
                }
            }
            int w = bx1 - bx0 + 1;
            int h = y1 - y0;
            if (w < 2) {
                return null;
            }
            // blank margins either side, so a drawing wider than the ink counts against itself
            int pad = h;
            int cw = w + 2 * pad;
            boolean[] mask = new boolean[cw * h];
            // faint ink: halfway from the threshold to the paper (a thin stroke of a noisy or
            // blurred page falls there); a drawing on it is not drawn on blank paper
            long paperSum = 0;
            long paperCount = 0;
            for (int v = 0; v < 256; v++) {
                if ((v <= t) != inkDark) {
                    paperSum += (long) v * hist[v];
                    paperCount += hist[v];
                }
            }
            int paper = paperCount == 0 ? (inkDark ? 255 : 0) : (int) (paperSum / paperCount);
            int loose = (t + paper) / 2;
            boolean[] faint = new boolean[cw * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = px[(y0 + y) * iw + bx0 + x] & 0xFF;
                    mask[y * cw + pad + x] = (v <= t) == inkDark;
                    faint[y * cw + pad + x] = inkDark ? v <= loose : v > loose;
                }
            }
            return new Ink(w, pad, h, mask, faint);
        }

        /**
         * The F-measure of {@code outline} against the ink: stretched across the ink left to
         * right, and down so that {@code lineBounds} (the drawn line's extent) fills the line.
         */
        private static boolean hasInk(byte[] px, int iw, int x, int y0, int y1, int t, boolean inkDark) {
            for (int y = y0; y < y1; y++) {
                if (((px[y * iw + x] & 0xFF) <= t) == inkDark) {
                    return true;
                }
            }
            return false;
        }

        /**
         * {@code glyphs} drawn onto the ink: stretched across it left to right, and down so
         * that {@code lineBounds} (the drawn line's extent) fills the line. Letters outside
         * {@code [blockFrom, blockTo)} are placed one by one, each up to a few pixels off where
         * the face puts it (the page's face spaces its letters differently from any drawn one);
         * the letters inside, where two readings differ, as one block fitted between them, so that
         * a reading with more letters there gains no freedom to fit. Null when the face's glyphs
         * are not the text's letters one for one (a ligature).
         */
        Drawing draw(GlyphVector glyphs, int letters, int blockFrom, int blockTo, Rectangle2D lineBounds, int lineWidth, boolean bold,
                boolean slanted) {
            int n = glyphs.getNumGlyphs();
            if (n != letters || lineBounds.getHeight() <= 0) {
                return null;
            }
            AffineTransform shear = slanted ? AffineTransform.getShearInstance(-SLANT, 0) : new AffineTransform();
            Rectangle2D b = shear.createTransformedShape(glyphs.getOutline()).getBounds2D();
            if (b.getWidth() <= 0) {
                return null;
            }
            float stroke = bold ? (float) (BOLD * h) : 0f;
            // the drawn ink, stroke included, must fill the box: fit the outline inside the stroke's margin
            double sy = Math.max(1e-3, (h - stroke)) / lineBounds.getHeight();
            // as wide as the ink, within what the face's widths across the whole line allow: a
            // reading with a letter too many or too few does not fit by being squeezed
            double lineScale = lineWidth / lineBounds.getWidth();
            double sx = clamp(Math.max(1e-3, (w - stroke)) / b.getWidth(), lineScale);
            AffineTransform fit = new AffineTransform();
            fit.translate(pad + (w - b.getWidth() * sx) / 2, stroke / 2);
            fit.scale(sx, sy);
            fit.translate(-b.getX(), -lineBounds.getY());
            Shape[] shapes = new Shape[n];
            for (int k = 0; k < n; k++) {
                shapes[k] = fit.createTransformedShape(shear.createTransformedShape(glyphs.getGlyphOutline(k)));
            }
            boolean[] d = new boolean[cw * h];
            int shift = Math.max(1, (int) Math.round(SHIFT * h));
            float st = bold ? stroke : 0f;
            int left = pad - 1;
            for (int k = 0; k < blockFrom; k++) {
                int[] cols = place(shapes[k], st, shift, d);
                left = cols[0] <= cols[1] ? Math.max(left, cols[1]) : left;
            }
            int right = pad + w;
            for (int k = blockTo; k < n; k++) {
                int[] cols = place(shapes[k], st, shift, d);
                right = cols[0] <= cols[1] ? Math.min(right, cols[0]) : right;
            }
            if (blockFrom < blockTo) {
                java.awt.geom.Path2D.Double block = new java.awt.geom.Path2D.Double();
                for (int k = blockFrom; k < blockTo; k++) {
                    block.append(shapes[k], false);
                }
                Rectangle2D bb = block.getBounds2D();
                // the spacing the face leaves between the block and the letters either side, kept
                double sl = blockFrom > 0 ? Math.max(0, bb.getMinX() - shapes[blockFrom - 1].getBounds2D().getMaxX()) : 0;
                double sr = blockTo < n ? Math.max(0, shapes[blockTo].getBounds2D().getMinX() - bb.getMaxX()) : 0;
                double room = right - left - 1 - sl - sr;
                Shape placed = block;
                if (room > 1 && bb.getWidth() > 0) {
                    double f = Math.max(1 / WIDTH_SLACK, Math.min(WIDTH_SLACK, room / bb.getWidth()));
                    AffineTransform t = new AffineTransform();
                    t.translate(left + 1 + sl + (room - bb.getWidth() * f) / 2, 0);
                    t.scale(f, 1);
                    t.translate(-bb.getMinX(), 0);
                    placed = t.createTransformedShape(block);
                }
                int[] cols = place(placed, st, shift, d);
                if (cols[0] <= cols[1]) {
                    left = Math.min(left, cols[0] - 1);
                    right = Math.max(right, cols[1] + 1);
                }
            }
            return new Drawing(d, left + 1, right - 1, score(d, 0, cw - 1));
        }

        /** {@code sx} held within {@link #WIDTH_SLACK} of the line's scale. */
        private static double clamp(double sx, double lineScale) {
            return Math.max(lineScale / WIDTH_SLACK, Math.min(lineScale * WIDTH_SLACK, sx));
        }

        /** The F-measure of {@code d} against the ink between columns {@code x0} and {@code x1}. */
        double score(boolean[] d, int x0, int x1) {
            int drawnCount = 0;
            int count = 0;
            for (int y = 0; y < h; y++) {
                for (int x = x0; x <= x1; x++) {
                    drawnCount += d[y * cw + x] ? 1 : 0;
                    count += mask[y * cw + x] ? 1 : 0;
                }
            }
            if (drawnCount == 0 || count == 0) {
                return 0;
            }
            boolean[] dNear = dilate(d, cw, h, slack);
            int hitDrawn = 0;
            int hitInk = 0;
            for (int y = 0; y < h; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = y * cw + x;
                    if (d[i] && near[i]) {
                        hitDrawn++;
                    }
                    if (mask[i] && dNear[i]) {
                        hitInk++;
                    }
                }
            }
            double p = hitDrawn / (double) drawnCount;
            double r = hitInk / (double) count;
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /**
         * Draws one letter into {@code into} at the horizontal offset, within {@code shift}
         * pixels of where it is, at which most of its pixels fall near ink and fewest away from it.
         */
        private int[] place(Shape glyph, float stroke, int shift, boolean[] into) {
            Rectangle2D gb = glyph.getBounds2D();
            if (gb.isEmpty()) {
                return new int[] {0, -1};
            }
            int m = (int) Math.ceil(stroke) + 1;
            int gx = (int) Math.floor(gb.getX()) - m;
            int gy = (int) Math.floor(gb.getY()) - m;
            int gw = (int) Math.ceil(gb.getWidth()) + 2 * m + 1;
            int gh = (int) Math.ceil(gb.getHeight()) + 2 * m + 1;
            BufferedImage img = new BufferedImage(gw, gh, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(java.awt.Color.WHITE);
                g.translate(-gx, -gy);
                g.fill(glyph);
                if (stroke > 0) {
                    g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                    g.draw(glyph);
                }
            } finally {
                g.dispose();
            }
            byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            int bestDx = 0;
            int best = Integer.MIN_VALUE;
            for (int k = 0; k <= 2 * shift; k++) {
                // 0, -1, +1, -2, +2...: the nearer offset wins a tie
                int dx = (k + 1) / 2 * (k % 2 == 0 ? 1 : -1);
                int gain = 0;
                for (int y = 0; y < gh; y++) {
                    int cy = gy + y;
                    for (int x = 0; x < gw; x++) {
                        if ((px[y * gw + x] & 0xFF) < 128) {
                            continue;
                        }
                        int cx = gx + x + dx;
                        gain += cy >= 0 && cy < h && cx >= 0 && cx < cw && near[cy * cw + cx] ? 1 : -1;
                    }
                }
                if (gain > best) {
                    best = gain;
                    bestDx = dx;
                }
            }
            int c0 = cw;
            int c1 = -1;
            for (int y = 0; y < gh; y++) {
                int cy = gy + y;
                for (int x = 0; x < gw; x++) {
                    int cx = gx + x + bestDx;
                    if ((px[y * gw + x] & 0xFF) >= 128 && cy >= 0 && cy < h && cx >= 0 && cx < cw) {
                        into[cy * cw + cx] = true;
                        c0 = Math.min(c0, cx);
                        c1 = Math.max(c1, cx);
                    }
                }
            }
            return new int[] {c0, c1};
        }

        /** The mask grown by {@code r} pixels in every direction (a square). */
        static boolean[] dilate(boolean[] m, int w, int h, int r) {
            boolean[] rows = new boolean[m.length];
            for (int y = 0; y < h; y++) {
                grow(m, rows, y * w, 1, w, r);
            }
            boolean[] out = new boolean[m.length];
            for (int x = 0; x < w; x++) {
                grow(rows, out, x, w, h, r);
            }
            return out;
        }

        /** Along {@code n} cells from {@code start}, {@code step} apart: sets in {@code out} every cell within {@code r} of a set cell of {@code in}. */
        private static void grow(boolean[] in, boolean[] out, int start, int step, int n, int r) {
            int last = -1_000_000;
            for (int k = 0; k < n; k++) {
                if (in[start + k * step]) {
                    last = k;
                }
                if (k - last <= r) {
                    out[start + k * step] = true;
                }
            }
            last = 1_000_000;
            for (int k = n - 1; k >= 0; k--) {
                if (in[start + k * step]) {
                    last = k;
                }
                if (last - k <= r) {
                    out[start + k * step] = true;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RenderMatch" + fonts.stream().map(Font::getFamily).toList();
    }
}
