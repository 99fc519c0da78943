package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;

import java.util.List;

/**
 * How much of a page's text-like ink a reading accounts for: Tesseract's page layout sometimes
 * takes a block of text (a stained table, labels scattered over a chart) for a picture and reads
 * nothing there, which only a look at the ink reveals.
 */
public final class Coverage {
    private Coverage() {}

    /**
     * The share of glyph-sized ink blobs (about as tall as the page's typical character, see
     * {@link Analysis#glyphHeight}) whose centre lies inside one of the boxes; 1 when the page
     * has too few such blobs to tell.
     */
    public static double of(GrayImage img, List<Box> boxes) {
        List<int[]> blobs = Analysis.inkComponents(img);
        double glyph = Analysis.glyphHeight(img);
        if (glyph <= 0) {
            return 1;
        }
        int n = 0;
        int inside = 0;
        for (int[] b : blobs) {
            int bh = b[3] - b[1];
            if (bh < glyph * 0.5 || bh > glyph * 2 || !Analysis.glyphShaped(b)) {
                continue;
            }
            n++;
            int cx = (b[0] + b[2]) / 2;
            int cy = (b[1] + b[3]) / 2;
            for (Box box : boxes) {
                if (cx >= box.x0() && cx < box.x1() && cy >= box.y0() && cy < box.y1()) {
                    inside++;
                    break;
                }
            }
        }
        return n < 20 ? 1 : (double) inside / n;
    }
}
