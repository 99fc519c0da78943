package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Block;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.PageTree;
import dev.ocrcli.result.Paragraph;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the {@code gutters} step tells a false column gutter from a real one, on trees made by hand. */
class GuttersStepTest {
    private static final GrayImage PAGE = new GrayImage(1200, 400, new byte[1200 * 400]);
    /** Monospaced type: every character 15 px wide, a space too. */
    private static final int CHAR = 15;

    /** A line at row {@code y} starting at {@code x}: its words laid out as monospaced text. */
    static Line line(int y, int x, String text) {
        List<Word> words = new ArrayList<>();
        int at = x;
        for (String w : text.split(" ")) {
            words.add(new Word(w, 90, new Box(at, y, at + w.length() * CHAR, y + 20)));
            at += (w.length() + 1) * CHAR;
        }
        return new Line(Box.around(words.stream().map(Word::box).toList()), words);
    }

    static Block block(Line... lines) {
        return Block.of(List.of(Paragraph.of(List.of(lines))));
    }

    static Reading reading(Block... blocks) {
        return new Reading(PAGE, Affine.IDENTITY, 0, new PageTree(List.of(blocks)), List.of());
    }

    @Test
    void linesCutAtAWhiteStripOfAlignedSpacesAreJoined() {
        // "Red box: 12 nails" over "Tan bag: 30 bolts": the spaces after the colons line up
        Block left = block(line(0, 0, "Red box:"), line(40, 0, "Tan bag:"), line(80, 0, "Old tin:"));
        Block right = block(line(0, 9 * CHAR, "12 nails, 40 screws."), line(40, 9 * CHAR, "30 bolts, 15 nuts."),
                line(80, 9 * CHAR, "25 pins."));
        Block below = block(line(120, 0, "New kit: four tools."));
        ReadingStep.Outcome o = new GuttersStep().apply(reading(left, right, below), null);
        assertTrue(o.applied());
        assertEquals("1 blocks joined to the lines on their left", o.detail());
        assertEquals("Red box: 12 nails, 40 screws.\nTan bag: 30 bolts, 15 nuts.\nOld tin: 25 pins.\n\nNew kit: four tools.\n",
                o.reading().tree().text());
        assertEquals(2, o.reading().tree().blocks().size());
        assertSame(below, o.reading().tree().blocks().get(1), "a block with nothing to join stays the same object");
        Line first = o.reading().tree().lines().get(0);
        assertEquals(new Box(0, 0, 29 * CHAR, 20), first.box());
    }

    @Test
    void aBlockWhoseLinesStandBesideSeveralBlocksJoinsThemAll() {
        // the layout cut the left column into two blocks as well
        Block top = block(line(0, 0, "Set and"), line(40, 0, "Put and"));
        Block bottom = block(line(80, 0, "Map and"));
        Block right = block(line(0, 8 * CHAR, "get: the calls."), line(40, 8 * CHAR, "pop: a list."), line(80, 8 * CHAR, "zip: loops."));
        ReadingStep.Outcome o = new GuttersStep().apply(reading(top, bottom, right), null);
        assertEquals("Set and get: the calls.\nPut and pop: a list.\n\nMap and zip: loops.\n", o.reading().tree().text());
    }

    @Test
    void aRealGutterManySpacesWideKeepsItsColumns() {
        Block left = block(line(0, 0, "The first column"), line(40, 0, "runs down here"));
        Block right = block(line(0, 22 * CHAR, "and the second"), line(40, 22 * CHAR, "runs beside it"));
        Reading r = reading(left, right);
        ReadingStep.Outcome o = new GuttersStep().apply(r, null);
        assertFalse(o.applied());
        assertSame(r, o.reading());
        assertEquals("0 blocks joined to the lines on their left", o.detail());
    }

    @Test
    void aColumnWithALineOfItsOwnStaysAColumn() {
        // a narrow gutter, but the right column goes on where the left one has ended
        Block left = block(line(0, 0, "Left text here"), line(40, 0, "and more text"));
        Block right = block(line(0, 16 * CHAR, "right text there"), line(40, 16 * CHAR, "and more of it"),
                line(80, 16 * CHAR, "and a third line"));
        assertFalse(new GuttersStep().apply(reading(left, right), null).applied());
    }

    @Test
    void withoutSpacesToMeasureNothingIsJoined() {
        Block left = block(line(0, 0, "Total:"));
        Block right = block(line(0, 8 * CHAR, "12.00"));
        assertFalse(new GuttersStep().apply(reading(left, right), null).applied(), "one-word lines give no spacing to judge by");
    }

    @Test
    void aBlockOfOneLineBesideAColumnIsNoGutter() {
        // a stray word or caption two spaces right of a column's line: one line lines up no spaces,
        // so its gap must look like an ordinary space
        Block column = block(line(0, 0, "solely to valuation, as was"), line(40, 0, "in line with our estimate"));
        Block stray = block(line(0, 29 * CHAR, "Projected"));
        assertFalse(new GuttersStep().apply(reading(column, stray), null).applied());
        Block cut = block(line(0, 28 * CHAR, "beside"));
        assertTrue(new GuttersStep().apply(reading(column, cut), null).applied(), "one space away it continues the line");
    }

    @Test
    void aTablesCellGapsAreNotItsSpaces() {
        // a table's rows: one space inside a label, then cells six and eight spaces apart
        Block table = block(row(0, line(0, 0, "Per share"), line(0, 15 * CHAR, "12/18A"), line(0, 29 * CHAR, "12/19E")),
                row(40, line(40, 0, "EPS adj."), line(40, 15 * CHAR, "1.35"), line(40, 29 * CHAR, "2.52")));
        // a box's line three spaces right of the table: not a cell of it
        Block beside = block(line(0, 38 * CHAR, "Our Blue Sky Scenario"));
        assertFalse(new GuttersStep().apply(reading(table, beside), null).applied());
    }

    /** The line made of the pieces' words, as the layout gives a table row. */
    static Line row(int y, Line... pieces) {
        List<Word> words = new ArrayList<>();
        for (Line p : pieces) {
            words.addAll(p.words());
        }
        return new Line(Box.around(words.stream().map(Word::box).toList()), words);
    }

    @Test
    void rowsTellLinesApart() {
        assertTrue(GuttersStep.sameRow(new Box(0, 0, 10, 20), new Box(20, 4, 30, 22)));
        assertFalse(GuttersStep.sameRow(new Box(0, 0, 10, 20), new Box(20, 14, 30, 34)), "half a line lower is another row");
    }
}
