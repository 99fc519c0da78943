package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The page measurements the steps decide on: connected components, histogram, kept measures. */
class AnalysisTest {

    /** The boxes of 8-connected components found the slow, obvious way: a flood fill from each unvisited ink pixel. */
    private static List<int[]> floodFill(boolean[] mask, int w, int h) {
        boolean[] seen = new boolean[mask.length];
        List<int[]> out = new ArrayList<>();
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            int[] b = {start % w, start / w, start % w + 1, start / w + 1};
            ArrayDeque<Integer> todo = new ArrayDeque<>();
            todo.add(start);
            seen[start] = true;
            while (!todo.isEmpty()) {
                int i = todo.poll();
                int x = i % w;
                int y = i / w;
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x + 1);
                b[3] = Math.max(b[3], y + 1);
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int ny = y + dy;
                        if (nx >= 0 && ny >= 0 && nx < w && ny < h && mask[ny * w + nx] && !seen[ny * w + nx]) {
                            seen[ny * w + nx] = true;
                            todo.add(ny * w + nx);
                        }
                    }
                }
            }
            out.add(b);
        }
        return out;
    }

    private static List<int[]> sorted(List<int[]> boxes) {
        List<int[]> s = new ArrayList<>(boxes);
        s.sort(Comparator.<int[]>comparingInt(b -> b[1]).thenComparingInt(b -> b[0]).thenComparingInt(b -> b[2]).thenComparingInt(b -> b[3]));
        return s;
    }

    @Test
    void componentsMatchAFloodFillOnRandomMasks() {
        Random rnd = new Random(7);
        for (int round = 0; round < 40; round++) {
            int w = 1 + rnd.nextInt(120);
            int h = 1 + rnd.nextInt(90);
            double density = 0.1 + 0.5 * rnd.nextDouble();
            boolean[] mask = new boolean[w * h];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = rnd.nextDouble() < density;
            }
            List<int[]> fast = sorted(Analysis.components(mask, w, h));
            List<int[]> slow = sorted(floodFill(mask, w, h));
            assertEquals(slow.size(), fast.size(), "components in a " + w + "x" + h + " mask");
            for (int k = 0; k < slow.size(); k++) {
                assertArrayEquals(slow.get(k), fast.get(k));
            }
        }
    }

    @Test
    void componentsJoinedLateStillGiveOneBox() {
        // a U: the two arms are separate labels until the bottom row joins them
        int w = 5;
        int h = 4;
        boolean[] mask = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            mask[y * w] = true;
            mask[y * w + 4] = true;
        }
        for (int x = 0; x < w; x++) {
            mask[(h - 1) * w + x] = true;
        }
        List<int[]> cc = Analysis.components(mask, w, h);
        assertEquals(1, cc.size());
        assertArrayEquals(new int[] {0, 0, 5, 4}, cc.get(0));
    }

    @Test
    void histogramCountsEveryPixelAndIsACopy() {
        byte[] p = new byte[1001];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i % 7 == 0 ? 10 : 200);
        }
        GrayImage img = new GrayImage(1001, 1, p);
        int[] h = img.histogram();
        assertEquals(143, h[10]);
        assertEquals(858, h[200]);
        h[10] = 0;
        assertEquals(143, img.histogram()[10], "the kept count is not changed through a returned copy");
    }

    @Test
    void theInkMaskOfAnImageIsMeasuredOnce() {
        byte[] p = new byte[64 * 64];
        java.util.Arrays.fill(p, (byte) 230);
        for (int i = 0; i < p.length; i += 5) {
            p[i] = 20;
        }
        GrayImage img = new GrayImage(64, 64, p);
        boolean[] ink = Analysis.inkMask(img);
        assertSame(ink, Analysis.inkMask(img));
        assertSame(Analysis.inkComponents(img), Analysis.inkComponents(img));
        // another image of the same pixels is measured on its own
        GrayImage copy = new GrayImage(64, 64, p.clone());
        assertArrayEquals(ink, Analysis.inkMask(copy));
        assertEquals(false, ink == Analysis.inkMask(copy));
    }
}
