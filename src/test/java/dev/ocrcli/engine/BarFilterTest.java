package dev.ocrcli.engine;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the {@code bars} step decides which words are table strokes, and how it rebuilds the page text. */
class BarFilterTest {
    /** A line at row {@code y} of words given as text and left x, each word 40 px wide and 30 px tall. */
    private static Line line(int y, Object... textAndX) {
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < textAndX.length; i += 2) {
            int x = (Integer) textAndX[i + 1];
            String t = (String) textAndX[i];
            words.add(new Word(t, 90, new Box(x, y, x + (t.length() == 1 ? 4 : 40), y + 30)));
        }
        return TesseractHandle.line(words, new Box(0, y, 1000, y + 30));
    }

    @Test
    void bordersAndColumnRulesGoAPipeInProseStays() {
        Line title = line(0, "Results", 10, "|", 60, "2024", 100);
        Line row1 = line(50, "|", 0, "Bolt", 10, "|", 300, "1200", 310, "|", 600);
        Line row2 = line(100, "|", 0, "Nut", 10, "|", 301, "950", 310, "|", 601);
        String text = "Results | 2024\n\n| Bolt | 1200 |\n| Nut | 950 |\n";
        ScriptResolver.Result r = BarFilter.drop(text, List.of(title, row1, row2));
        assertEquals("Results | 2024\n\nBolt 1200\nNut 950\n", r.text());
        assertEquals(6, r.replaced());
        assertSame(title, r.lines().get(0), "a bar with no other bar above or below it is text");
        assertEquals("Bolt 1200", r.lines().get(1).text());
    }

    @Test
    void aLineOfBarsAloneGoesWithItsRow() {
        Line a = line(0, "Total", 10);
        Line bars = line(50, "|", 0, "_", 200, "||", 400);
        Line b = line(100, "Page", 10, "2", 60);
        ScriptResolver.Result r = BarFilter.drop("Total\n\n|_||\n\nPage 2\n".replace("|_||", "| _ ||"), List.of(a, bars, b));
        assertEquals("Total\n\nPage 2\n", r.text());
        assertEquals(2, r.lines().size());
    }

    @Test
    void nothingToDropKeepsTheSameObjects() {
        List<Line> lines = List.of(line(0, "a", 10, "b", 60));
        ScriptResolver.Result r = BarFilter.drop("a b\n", lines);
        assertSame(lines, r.lines());
        assertEquals(0, r.replaced());
    }

    @Test
    void barWords() {
        assertTrue(BarFilter.isBar("|"));
        assertTrue(BarFilter.isBar("«|"));
        assertTrue(BarFilter.isBar("||"));
        assertFalse(BarFilter.isBar("l"));
        assertFalse(BarFilter.isBar("|a"));
        assertFalse(BarFilter.isBar("—"));
        assertTrue(BarFilter.isSpeck("_"));
        assertFalse(BarFilter.isSpeck("________"));
    }
}
