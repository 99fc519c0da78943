package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the {@code gaps} step looks, and what it takes from the readings there. */
class GapsStepTest {
    private static Word word(String text, Box box) {
        return new Word(text, 90, box, Origin.layout("eng"), List.of());
    }

    @Test
    void onlyWordsBothReadingsReadAlikeAreKept() {
        PageTree a = PageTree.ofLines(List.of(new Line(new Box(0, 0, 300, 30), List.of(word("12", new Box(0, 0, 30, 30)),
                word("speck", new Box(100, 0, 150, 30)), word("Total", new Box(200, 0, 300, 30))))));
        PageTree b = PageTree.ofLines(List.of(new Line(new Box(0, 0, 300, 30), List.of(word("12", new Box(1, 0, 31, 30)),
                word("spock", new Box(100, 0, 150, 30)), word("Total", new Box(500, 0, 600, 30))))));
        assertEquals(List.of("12"), GapsStep.agreed(a, b).words().stream().map(Word::text).toList(),
                "the same text at the same place; another text there, or the same text elsewhere, is no agreement");
    }

    @Test
    void unreadInkIsGatheredIntoRegionsAroundIt() {
        // a white page with glyph-sized blocks: a row of twelve read as a line, two apart that nothing read
        int w = 600;
        int h = 300;
        byte[] p = new byte[w * h];
        Arrays.fill(p, (byte) 255);
        List<int[]> row = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            row.add(new int[] {50 + 30 * i, 40});
        }
        row.add(new int[] {50, 200});
        row.add(new int[] {450, 200});
        int[][] blobs = row.toArray(new int[0][]);
        for (int[] b : blobs) {
            for (int y = b[1]; y < b[1] + 20; y++) {
                for (int x = b[0]; x < b[0] + 14; x++) {
                    p[y * w + x] = 0;
                }
            }
        }
        GrayImage img = new GrayImage(w, h, p);
        List<Box> regions = GapsStep.unreadRegions(img, List.of(new Box(45, 35, 420, 65)));
        assertEquals(2, regions.size(), "two unread blobs far apart: two regions, and nothing around the line that was read " + regions);
        for (int[] b : new int[][] {{50, 200}, {450, 200}}) {
            assertTrue(regions.stream().anyMatch(r -> r.x0() <= b[0] && r.x1() >= b[0] + 14 && r.y0() <= b[1] && r.y1() >= b[1] + 20),
                    "a region holds the blob at " + Arrays.toString(b) + ": " + regions);
        }
    }
}
