package dev.ocrcli.engine;

import dev.ocrcli.image.ImageLoader;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.Word;
import dev.ocrcli.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pages too large for one pass: read in overlapping tiles, every word once, boxes on the page. */
class TilingTest {
    @TempDir
    Path tmp;

    @Test
    void spansCoverTheLengthAndTheirCoresPartitionIt() {
        for (int[] c : new int[][] {{20000, 2236}, {40000, 16000}, {1000, 2000}, {33000, 16000}, {601, 600}}) {
            int[][] s = TiledReader.spans(c[0], c[1]);
            assertEquals(0, s[0][0]);
            assertEquals(c[0], s[s.length - 1][1]);
            assertEquals(0, s[0][2]);
            assertEquals(c[0], s[s.length - 1][3]);
            for (int i = 0; i < s.length; i++) {
                assertTrue(s[i][1] - s[i][0] <= c[1]);
                assertTrue(s[i][0] <= s[i][2] && s[i][2] < s[i][3] && s[i][3] <= s[i][1], java.util.Arrays.toString(s[i]));
                if (i > 0) {
                    assertEquals(s[i - 1][3], s[i][2], "cores meet");
                    assertTrue(s[i - 1][1] - s[i][0] >= TiledReader.TILE_OVERLAP, "tiles overlap by at least the overlap: " + java.util.Arrays.deepToString(s));
                }
            }
        }
    }

    static BufferedImage page(int w, int h, int[][] at, String[] texts) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 40));
        for (int i = 0; i < at.length; i++) {
            g.drawString(texts[i], at[i][0], at[i][1]);
        }
        g.dispose();
        return img;
    }

    @Test
    void wideImageOverTesseractsLimitIsReadInTiles() throws Exception {
        int w = 40000;
        // the middle phrase straddles the seam between the first two tiles
        int seam = TiledReader.spans(w, TiledReader.TILE_SIDE)[0][3];
        String[] texts = {"Left edge phrase", "Across the seam here", "Right edge phrase"};
        int[][] at = {{60, 150}, {seam - 200, 150}, {w - 500, 150}};
        BufferedImage img = page(w, 300, at, texts);
        Path file = tmp.resolve("wide.png");
        ImageIO.write(img, "png", file.toFile());
        try (OcrEngine e = OcrEngine.builder().languages("eng").build()) {
            OcrResult r = e.recognize(file);
            assertEquals(w, r.pages().get(0).width());
            List<String> words = r.words().stream().map(Word::text).toList();
            assertEquals(List.of(String.join(" ", texts).split(" ")), words, r.text());
            assertSameBoxesAsCropsRead(e, img, at, texts, r.words());
        }
    }

    @Test
    void pageTallerThanTesseractsLimitIsReadInBandsWithALineAcrossTheSeam() throws Exception {
        int h = 40000;
        int seam = TiledReader.spans(h, TiledReader.TILE_SIDE)[0][3];
        String[] texts = {"Top line here", "Seam line here", "Bottom line here"};
        // the middle line's glyphs straddle the seam between the first two bands' cores
        int[][] at = {{40, 100}, {40, seam + 15}, {40, h - 100}};
        BufferedImage img = page(600, h, at, texts);
        Path file = tmp.resolve("tall.png");
        ImageIO.write(img, "png", file.toFile());
        try (OcrEngine e = OcrEngine.builder().languages("eng").build()) {
            OcrResult r = e.recognize(file);
            assertEquals(h, r.pages().get(0).height());
            assertTrue(r.pages().get(0).preprocessing().stream().anyMatch(s -> s.step().equals("tiles")), "read in tiles");
            assertEquals(List.of(String.join(" ", texts).split(" ")), r.words().stream().map(Word::text).toList(), r.text());
            assertSameBoxesAsCropsRead(e, img, at, texts, r.words());
        }
    }

    /**
     * Each phrase's word boxes on the tiled page are the boxes the same words get when a crop
     * around the phrase alone is read, moved by the crop's offset.
     */
    static void assertSameBoxesAsCropsRead(OcrEngine e, BufferedImage img, int[][] at, String[] texts, List<Word> got) {
        int k = 0;
        for (int i = 0; i < texts.length; i++) {
            int x0 = Math.max(0, at[i][0] - 40);
            int y0 = Math.max(0, at[i][1] - 80);
            int cw = Math.min(img.getWidth() - x0, 900);
            int ch = Math.min(img.getHeight() - y0, 120);
            OcrResult alone = e.recognize(dev.ocrcli.image.OcrInput.of("crop", img.getSubimage(x0, y0, cw, ch), 0));
            for (Word want : alone.words()) {
                Word w = got.get(k++);
                assertEquals(want.text(), w.text());
                dev.ocrcli.result.Box b = want.box();
                dev.ocrcli.result.Box g = w.box();
                // the same pixels read in another frame: the same box, give or take a pixel of binarisation
                assertTrue(Math.abs(g.x0() - b.x0() - x0) <= 2 && Math.abs(g.y0() - b.y0() - y0) <= 2
                        && Math.abs(g.x1() - b.x1() - x0) <= 2 && Math.abs(g.y1() - b.y1() - y0) <= 2,
                        w.text() + " at " + g + ", read alone at " + b + " + (" + x0 + "," + y0 + ")");
            }
        }
        assertEquals(got.size(), k, "every word accounted for");
    }

    @Test
    void twentyThousandPixelPageReadsWithOneGigabyteOfHeap() throws Exception {
        int n = 20000;
        String[] texts = new String[6];
        int[][] at = new int[6][];
        for (int i = 0; i < 6; i++) {
            texts[i] = "Block " + List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot").get(i) + " reads fine";
            at[i] = new int[] {200 + i * 3000, 1500 + i * 3300};
        }
        Path file = tmp.resolve("huge.png");
        ImageIO.write(page(n, n, at, texts), "png", file.toFile());
        assertTrue((long) n * n > ImageLoader.TILE_BUDGET_PIXELS);
        Cli.Run r = Cli.run(null, null, List.of("-Xmx1g"), file.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", texts), r.stdout().strip().replaceAll("\n+", "\n"));
    }
}
