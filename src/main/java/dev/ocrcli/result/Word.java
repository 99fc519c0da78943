package dev.ocrcli.result;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One recognised word.
 *
 * @param text       the word, as recognised
 * @param confidence Tesseract's confidence, 0..100
 * @param box        where it is on the page
 * @param origin     which reading found it, with which models
 * @param glyphs     its characters with their boxes, where a step asked for them; else empty
 */
public record Word(String text, double confidence, Box box, Origin origin, List<Glyph> glyphs) {
    /** Where a word made by hand (a test, a caller's own page) comes from. */
    public static final Origin GIVEN = new Origin("given", "");

    public Word {
        glyphs = List.copyOf(glyphs);
    }

    /** A word without glyphs from no particular reading. */
    public Word(String text, double confidence, Box box) {
        this(text, confidence, box, GIVEN, List.of());
    }

    /** The same word with another text (its glyphs, which spelled the old one, are dropped). */
    public Word withText(String newText) {
        return newText.equals(text) ? this : new Word(newText, confidence, box, origin, List.of());
    }

    /** The same word at another place, its glyphs moved alike. */
    public Word mapBoxes(UnaryOperator<Box> f) {
        return new Word(text, confidence, f.apply(box), origin,
                glyphs.stream().map(g -> new Glyph(g.text(), g.confidence(), f.apply(g.box()))).toList());
    }
}
