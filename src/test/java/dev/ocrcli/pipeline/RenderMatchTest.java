package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drawing two readings and comparing them with a page's pixels: lines drawn in faces that
 * {@link RenderMatch} itself never draws with (Liberation Serif, FreeSans), so a match is not a
 * face matching itself.
 */
class RenderMatchTest {
    /** A line drawn on a page, with each word's ink box, as the engine would report it. */
    record Page(GrayImage image, Line line) {
        /** {@code words} drawn in {@code family} at {@code size} px, one space apart, on white. */
        static Page draw(String family, int style, int size, double confidence, String... words) {
            Font font = new Font(family, style, size);
            BufferedImage img = new BufferedImage(40 + words.length * size * 5, size * 2, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            List<int[]> spans = new ArrayList<>();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, img.getWidth(), img.getHeight());
                g.setColor(Color.BLACK);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setFont(font);
                int x = 20;
                int space = g.getFontMetrics().charWidth(' ');
                for (String w : words) {
                    g.drawString(w, x, (int) (size * 1.4));
                    int width = g.getFontMetrics().stringWidth(w);
                    spans.add(new int[] {x, x + width});
                    x += width + space;
                }
            } finally {
                g.dispose();
            }
            byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            GrayImage image = new GrayImage(img.getWidth(), img.getHeight(), px.clone());
            List<Word> ws = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                ws.add(new Word(words[i], confidence, inkBox(image, spans.get(i)[0] - 2, spans.get(i)[1] + 2)));
            }
            return new Page(image, new Line(Box.around(ws.stream().map(Word::box).toList()), ws));
        }

        private static Box inkBox(GrayImage image, int from, int to) {
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = -1;
            int y1 = -1;
            byte[] px = image.pixels();
            for (int y = 0; y < image.height(); y++) {
                for (int x = Math.max(0, from); x < Math.min(image.width(), to); x++) {
                    if ((px[y * image.width() + x] & 0xFF) < 128) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x + 1);
                        y1 = Math.max(y1, y + 1);
                    }
                }
            }
            return new Box(x0, y0, x1, y1);
        }

        /** The same line's words with other texts in the same boxes: another reading of it. */
        Line readAs(double confidence, String... texts) {
            List<Word> ws = new ArrayList<>();
            for (int i = 0; i < texts.length; i++) {
                ws.add(new Word(texts[i], confidence, line.words().get(i).box()));
            }
            return new Line(line.box(), ws);
        }

        /** The two scores of word {@code i} read as {@code a} and as {@code b}. */
        double[] compare(RenderMatch m, int i, String a, String b) {
            List<String> ta = new ArrayList<>(line.words().stream().map(Word::text).toList());
            List<String> tb = new ArrayList<>(ta);
            ta.set(i, a);
            tb.set(i, b);
            return m.compare(image, line.box(), line.words().get(i).box(), a, String.join(" ", ta), b, String.join(" ", tb));
        }
    }

    /** A face of this machine's that RenderMatch does not draw with, or null. */
    static String otherFace(String... families) {
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String f : families) {
            if (installed.contains(f) && !RenderMatch.FAMILIES.contains(f)) {
                return f;
            }
        }
        return null;
    }

    static RenderMatch system() {
        RenderMatch m = RenderMatch.system();
        assumeTrue(m != null, "none of " + RenderMatch.FAMILIES + " is installed");
        return m;
    }

    /** The first of {@code families} installed and not one RenderMatch draws with; the test is skipped without one. */
    static String pageFace(String... families) {
        String face = otherFace(families);
        assumeTrue(face != null, "none of the faces to draw the page with is installed");
        return face;
    }

    @Test
    void theReadingWithTheLetterOnThePageMatchesBetterWhereTheReadingsDiffer() {
        RenderMatch m = system();
        String face = pageFace("Liberation Serif", "FreeSerif", "FreeSans");
        // each pair: what is on the page, then its look-alike
        String[][] pairs = {{"Ǣlfred", "Alfred"}, {"paraŀlel", "parallel"}, {"аҕа", "a6a"}, {"Ҕ", "5"}, {"Кофе", "Kocþe"}, {"Alfred", "Ǣlfred"},
            {"parallel", "paraŀlel"}, {"600.00", "өоо.00"}};
        for (String[] p : pairs) {
            Page page = Page.draw(face, Font.PLAIN, 40, 90, "Old", p[0], "and");
            double[] s = page.compare(m, 1, p[1], p[0]);
            assertNotNull(s, p[0]);
            assertTrue(s[1] - s[0] >= LettersStep.EDGE, face + ": '" + p[0] + "' drawn matches " + s[1] + ", '" + p[1] + "' " + s[0]);
        }
    }

    @Test
    void aSlantedFaceIsMatchedByTheSlantedDrawings() {
        RenderMatch m = system();
        String face = pageFace("FreeSans", "Liberation Serif", "FreeSerif");
        Page page = Page.draw(face, Font.ITALIC, 40, 90, "Special", "Ǣ", "is");
        double[] s = page.compare(m, 1, "4", "Ǣ");
        assertTrue(s[1] - s[0] >= LettersStep.EDGE, "'Ǣ' " + s[1] + " against '4' " + s[0]);
    }

    @Test
    void identicalReadingsScoreAlikeAndABlankCropCannotBeJudged() {
        RenderMatch m = system();
        String face = pageFace("Liberation Serif", "FreeSerif", "FreeSans");
        Page page = Page.draw(face, Font.PLAIN, 40, 90, "Old", "English");
        double[] same = page.compare(m, 1, "English", "English");
        assertEquals(same[0], same[1], 1e-9);
        assertTrue(same[0] > 0.8, "a reading of what is on the page matches: " + same[0]);
        Box blank = new Box(page.image().width() - 30, 0, page.image().width(), page.image().height());
        assertNull(m.compare(page.image(), blank, blank, "a", "a", "b", "b"));
    }

    @Test
    void theLettersStepTakesARareLetterTheDrawingsBearOutAndRefusesOneTheyDoNot() {
        RenderMatch m = system();
        String face = pageFace("Liberation Serif", "FreeSerif", "FreeSans");
        // Ǣ on the page, the extension model far less confident than the stock one: its
        // confidence alone would not carry it, the drawings do
        Page rare = Page.draw(face, Font.PLAIN, 40, 95, "Old", "English", "Ǣlfred");
        Line stock = rare.readAs(95, "Old", "English", "Alfred");
        Line ext = rare.readAs(60, "Old", "English", "Ǣlfred");
        assertEquals("Old English Alfred", LettersStep.merge(stock, ext, LettersStepTest.DICTIONARY).text());
        assertEquals("Old English Ǣlfred", LettersStep.merge(stock, ext, LettersStepTest.DICTIONARY, LettersStep.drawn(m, rare.image())).text());
        // no Ǣ on the page, the extension model as confident as the stock one: the drawings refuse it
        Page plain = Page.draw(face, Font.PLAIN, 40, 95, "Old", "English", "Alfred");
        Line stock2 = plain.readAs(95, "Old", "English", "Alfred");
        Line ext2 = plain.readAs(95, "Old", "English", "Ǣlfred");
        assertEquals("Old English Ǣlfred", LettersStep.merge(stock2, ext2, LettersStepTest.DICTIONARY).text());
        assertEquals("Old English Alfred", LettersStep.merge(stock2, ext2, LettersStepTest.DICTIONARY, LettersStep.drawn(m, plain.image())).text());
    }

    /**
     * The line {@code before word after} drawn with {@code printed} as its middle word, read with
     * {@code stock} and {@code ext} there, and merged by the {@code letters} step with the drawings.
     */
    static String mergedOn(String printed, String stock, String ext, String before, String after) {
        RenderMatch m = system();
        String face = pageFace("Liberation Serif", "FreeSerif", "FreeSans");
        Page page = Page.draw(face, Font.PLAIN, 40, 90, before, printed, after);
        return LettersStep.merge(page.readAs(90, before, stock, after), page.readAs(90, before, ext, after),
                LettersStepTest.DICTIONARY, LettersStep.drawn(m, page.image())).text();
    }

    @Test
    void whereBothReadingsMissARareLetterTheDrawingsMayFindItAmongItsUsualMisreadings() {
        // Ǣ on the page, read as # by the stock models and as Ё by the extension model
        assertEquals("Mark Ǣ-9 at", mergedOn("Ǣ-9", "#-9", "Ё-9", "Mark", "at"));
        // an E on the page, read the same two ways: no Ǣ is made up
        String kept = mergedOn("E-9", "#-9", "Ё-9", "Mark", "at");
        assertTrue(!kept.contains("Ǣ"), kept);
    }

    @Test
    void theStockReadingsUsualMisreadingIsDrawnTooWhereTheExtensionReadingGarblesTheRest() {
        // Ǣ on the page, read as E by the stock models; the extension model garbles the word
        // (no letter of #£lfred stands for Ǣ), so only the stock reading's E leads to it
        assertTrue(LettersStep.candidates("Elfred").contains("Ǣlfred"));
        assertEquals("Old Ǣlfred too", mergedOn("Ǣlfred", "Elfred", "#£lfred", "Old", "too"));
        // an E on the page, read the same two ways: the stock reading stays
        assertEquals("Old Elfred too", mergedOn("Elfred", "Elfred", "#£lfred", "Old", "too"));
    }
}
