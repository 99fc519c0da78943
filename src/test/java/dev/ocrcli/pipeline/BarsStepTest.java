package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the {@code bars} step decides which words are table strokes, and what is left of the page. */
class BarsStepTest {
    private static final GrayImage PAGE = new GrayImage(1000, 200, new byte[1000 * 200]);

    /** A line at row {@code y} of words given as text and left x, each word 40 px wide and 30 px tall. */
    static Line line(int y, Object... textAndX) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < textAndX.length; i += 2) {
            int x = (Integer) textAndX[i + 1];
            String t = (String) textAndX[i];
            words.add(new Word(t, 90, new Box(x, y, x + (t.length() == 1 ? 4 : 40), y + 30)));
        }
        return new Line(new Box(0, y, 1000, y + 30), words);
    }

    /** A reading whose paragraphs are the given groups of lines. */
    static Reading reading(List<List<Line>> paragraphs) {
        PageTree tree = new PageTree(List.of(dev.ocrcli.result.Block.of(
                paragraphs.stream().map(dev.ocrcli.result.Paragraph::of).toList())));
        return new Reading(PAGE, Affine.IDENTITY, 0, tree, List.of());
    }

    @Test
    void bordersAndColumnRulesGoAPipeInProseStays() {
        Line title = line(0, "Results", 10, "|", 60, "2024", 100);
        Line row1 = line(50, "|", 0, "Bolt", 10, "|", 300, "1200", 310, "|", 600);
        Line row2 = line(100, "|", 0, "Nut", 10, "|", 301, "950", 310, "|", 601);
        Reading before = reading(List.of(List.of(title), List.of(row1, row2)));
        assertEquals("Results | 2024\n\n| Bolt | 1200 |\n| Nut | 950 |\n", before.tree().text());
        ReadingStep.Outcome o = new BarsStep().apply(before, null);
        assertTrue(o.applied());
        assertEquals("6 bar words dropped", o.detail());
        assertEquals("Results | 2024\n\nBolt 1200\nNut 950\n", o.reading().tree().text());
        assertSame(title, o.reading().tree().lines().get(0), "a bar with no other bar above or below it is text");
    }

    @Test
    void aLineOfBarsAloneGoesWithItsParagraph() {
        Line a = line(0, "Total", 10);
        Line bars = line(50, "|", 0, "_", 200, "||", 400);
        Line b = line(100, "Page", 10, "2", 60);
        ReadingStep.Outcome o = new BarsStep().apply(reading(List.of(List.of(a), List.of(bars), List.of(b))), null);
        assertEquals("Total\n\nPage 2\n", o.reading().tree().text(), "the emptied paragraph leaves one blank line, not two");
        assertEquals(2, o.reading().tree().lines().size());
        assertEquals(2, o.reading().tree().blocks().get(0).paragraphs().size());
    }

    @Test
    void nothingToDropKeepsTheSameReading() {
        Reading r = reading(List.of(List.of(line(0, "a", 10, "b", 60))));
        ReadingStep.Outcome o = new BarsStep().apply(r, null);
        assertSame(r, o.reading());
        assertFalse(o.applied());
    }

    @Test
    void barWords() {
        assertTrue(BarsStep.isBar("|"));
        assertTrue(BarsStep.isBar("«|"));
        assertTrue(BarsStep.isBar("||"));
        assertFalse(BarsStep.isBar("l"));
        assertFalse(BarsStep.isBar("|a"));
        assertFalse(BarsStep.isBar("—"));
        assertTrue(BarsStep.isSpeck("_"));
        assertFalse(BarsStep.isSpeck("________"));
    }
}
