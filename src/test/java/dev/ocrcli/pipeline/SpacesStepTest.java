package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Glyph;
import dev.ocrcli.result.Origin;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the {@code spaces} step splits a word, measured on the page. */
class SpacesStepTest {
    /** A white 200 x 40 image with a black 20 px wide, 20 px tall block at each of {@code xs}. */
    private static GrayImage blocks(int... xs) {
        byte[] p = new byte[200 * 40];
        Arrays.fill(p, (byte) 255);
        for (int x0 : xs) {
            for (int y = 10; y < 30; y++) {
                for (int x = x0; x < x0 + 20; x++) {
                    p[y * 200 + x] = 0;
                }
            }
        }
        return new GrayImage(200, 40, p);
    }

    /** A word whose glyphs are the given characters, each 20 px wide, at the given left edges. */
    private static Word word(String text, int x1, Object... glyphsAndX) {
        List<Glyph> g = new java.util.ArrayList<>();
        for (int i = 0; i < glyphsAndX.length; i += 2) {
            int x0 = (Integer) glyphsAndX[i + 1];
            g.add(new Glyph((String) glyphsAndX[i], 80, new Box(x0, 10, x0 + 20, 30)));
        }
        return new Word(text, 80, new Box(10, 10, x1, 30), Origin.layout("eng"), g);
    }

    @Test
    void aSpaceWideGapBetweenNumberAndLetterSplitsTheWord() {
        // "2", "3" touching-close, then a 10 px gap (half the height) before "A"
        GrayImage img = blocks(10, 33, 63);
        List<Word> parts = SpacesStep.split(img, word("23A", 83, "2", 10, "3", 33, "A", 63));
        assertEquals(List.of("23", "A"), parts.stream().map(Word::text).toList());
        assertEquals(new Box(10, 10, 53, 30), parts.get(0).box());
        assertEquals(new Box(63, 10, 83, 30), parts.get(1).box());
        assertEquals(80, parts.get(1).confidence());
        assertEquals(Origin.layout("eng"), parts.get(1).origin(), "the parts keep where the word came from");
    }

    @Test
    void aLetterGapIsNotASpace() {
        // 3 px between "3" and "A": one code, 23A
        GrayImage img = blocks(10, 33, 56);
        Word w = word("23A", 76, "2", 10, "3", 33, "A", 56);
        assertEquals(List.of(w), SpacesStep.split(img, w));
    }

    @Test
    void besideAOneTheGapMustBeWider() {
        // 8 px (0.4 of the height) after a 1: the blank side of a tabular 1, not a space
        GrayImage img = blocks(10, 33, 61);
        assertEquals(1, SpacesStep.split(img, word("21E", 81, "2", 10, "1", 33, "E", 61)).size());
        assertEquals(2, SpacesStep.split(img, word("23E", 81, "2", 10, "3", 33, "E", 61)).size());
    }

    @Test
    void onlyWordsTurningBetweenDigitsAndLettersAreMeasured() {
        assertTrue(SpacesStep.candidate("13A"));
        assertTrue(SpacesStep.candidate("A12"));
        assertFalse(SpacesStep.candidate("1958"));
        assertFalse(SpacesStep.candidate("catalogue"));
        assertFalse(SpacesStep.candidate("13-A"));
        assertTrue(new SpacesStep().wantsGlyphs().test("13A"), "the step asks for the glyphs of the words it measures");
        assertFalse(new SpacesStep().wantsGlyphs().test("catalogue"));
    }
}
