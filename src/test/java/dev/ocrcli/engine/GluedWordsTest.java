package dev.ocrcli.engine;

import dev.ocrcli.image.GrayImage;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the {@code spaces} step splits a word, measured on the page. */
class GluedWordsTest {
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

    private static TesseractHandle.Glyph glyph(String text, int x0) {
        return new TesseractHandle.Glyph(text, new Box(x0, 10, x0 + 20, 30));
    }

    @Test
    void aSpaceWideGapBetweenNumberAndLetterSplitsTheWord() {
        // "2", "3" touching-close, then a 10 px gap (half the height) before "A"
        GrayImage img = blocks(10, 33, 63);
        Word w = new Word("23A", 80, new Box(10, 10, 83, 30));
        List<Word> parts = GluedWords.split(img, w, List.of(glyph("2", 10), glyph("3", 33), glyph("A", 63)));
        assertEquals(List.of("23", "A"), parts.stream().map(Word::text).toList());
        assertEquals(new Box(10, 10, 53, 30), parts.get(0).box());
        assertEquals(new Box(63, 10, 83, 30), parts.get(1).box());
        assertEquals(80, parts.get(1).confidence());
    }

    @Test
    void aLetterGapIsNotASpace() {
        // 3 px between "3" and "A": one code, 23A
        GrayImage img = blocks(10, 33, 56);
        Word w = new Word("23A", 80, new Box(10, 10, 76, 30));
        assertEquals(List.of(w), GluedWords.split(img, w, List.of(glyph("2", 10), glyph("3", 33), glyph("A", 56))));
    }

    @Test
    void besideAOneTheGapMustBeWider() {
        // 8 px (0.4 of the height) after a 1: the blank side of a tabular 1, not a space
        GrayImage img = blocks(10, 33, 61);
        Word w = new Word("21E", 80, new Box(10, 10, 81, 30));
        assertEquals(1, GluedWords.split(img, w, List.of(glyph("2", 10), glyph("1", 33), glyph("E", 61))).size());
        Word same = new Word("23E", 80, new Box(10, 10, 81, 30));
        assertEquals(2, GluedWords.split(img, same, List.of(glyph("2", 10), glyph("3", 33), glyph("E", 61))).size());
    }

    @Test
    void onlyWordsTurningBetweenDigitsAndLettersAreMeasured() {
        assertTrue(GluedWords.candidate("13A"));
        assertTrue(GluedWords.candidate("A12"));
        assertFalse(GluedWords.candidate("1958"));
        assertFalse(GluedWords.candidate("catalogue"));
        assertFalse(GluedWords.candidate("13-A"));
    }
}
