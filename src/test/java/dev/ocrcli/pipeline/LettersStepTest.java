package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the {@code letters} step lines up the stock reading of a line with the extension model's
 * reading of the same line (boxes as the engine reports them: one word every 100 px).
 */
class LettersStepTest {
    static final Predicate<String> DICTIONARY = Set.of("is", "a", "A", "Zurich", "has", "the", "Cyrillic", "character")::contains;

    /** A line of words at x = 0, 100, 200, ... each read with the given confidence. */
    static Line line(double conf, String... words) {
        List<Word> ws = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            ws.add(new Word(words[i], conf, new Box(i * 100, 0, i * 100 + 80, 30)));
        }
        return new Line(new Box(0, 0, words.length * 100, 30), ws);
    }

    @Test
    void aRareLetterReplacesItsStockLookAlike() {
        Line stock = line(93, "Б", "is", "a", "Cyrillic", "character.");
        Line ext = line(85, "Ҕ", "is", "a", "Cyrillic", "character.");
        assertEquals("Ҕ is a Cyrillic character.", LettersStep.merge(stock, ext, DICTIONARY).text());
    }

    @Test
    void aNewReadingFarLessConfidentThanTheStockLineIsIgnoredForRareLetters() {
        Line stock = line(95, "Б", "is", "a", "Cyrillic", "character.");
        Line ext = line(60, "Ҕ", "is", "a", "Cyrillic", "character.");
        assertSame(stock, LettersStep.merge(stock, ext, DICTIONARY));
    }

    @Test
    void aDiacriticNeverReplacesAStockDictionaryWordButDoesReplaceANonWord() {
        Line stock = line(90, "Zurich", "@resund.");
        Line ext = line(90, "Zürich", "Øresund.");
        assertEquals("Zurich Øresund.", LettersStep.merge(stock, ext, DICTIONARY).text());
    }

    @Test
    void wordsMixingLatinAndCyrillicAreNeverTaken() {
        Line stock = line(90, "the", "pharma-");
        Line ext = line(90, "the", "рҺагmта-");
        assertSame(stock, LettersStep.merge(stock, ext, DICTIONARY));
    }

    @Test
    void aDictionaryWordReplacesANonWordOnlyInItsScriptOrTheLines() {
        // the Cyrillic model's "5" for "is" on a Latin line: fixed
        Line stock = line(90, "Ҕ", "5", "a", "Cyrillic", "character.");
        Line ext = line(90, "Ҕ", "is", "a", "Cyrillic", "character.");
        assertEquals("Ҕ is a Cyrillic character.", LettersStep.merge(stock, ext, DICTIONARY).text());
        // a Cyrillic initial on a Russian line stays Cyrillic, although the English dictionary holds "A"
        Line ru = line(90, "Смирнова", "Е.", "А.");
        Line ruExt = line(90, "Смирнова", "Е.", "A.");
        assertSame(ru, LettersStep.merge(ru, ruExt, DICTIONARY));
    }

    @Test
    void linesOfDictionaryWordsAreVouchedForAndLoneLettersAreNot() {
        assertTrue(LettersStep.vouched(line(90, "the", "Cyrillic", "character", "1284"), DICTIONARY));
        assertEquals(false, LettersStep.vouched(line(90, "the", "Cyrillic", "A"), DICTIONARY), "a lone A may be a Ǣ");
        assertEquals(false, LettersStep.vouched(line(90, "the", "Cyrillic", "5"), DICTIONARY), "a lone 5 may be a Ҕ");
        assertEquals(false, LettersStep.vouched(line(90, "the", "ыбыы"), DICTIONARY));
    }

    @Test
    void punctuationStandingAloneDoesNotCostALineItsVouching() {
        assertTrue(LettersStep.vouched(line(90, "|", "the", "&", "character", "—"), DICTIONARY));
        assertEquals(false, LettersStep.vouched(line(90, "|", "—", "|"), DICTIONARY), "no word to vouch for the line");
        assertEquals(false, LettersStep.vouched(line(90, "the", "&", "A"), DICTIONARY));
    }

    /** A line whose words are read with the given confidences, one word every 100 px. */
    static Line line(double[] conf, String... words) {
        List<Word> ws = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            ws.add(new Word(words[i], conf[i], new Box(i * 100, 0, i * 100 + 80, 30)));
        }
        return new Line(new Box(0, 0, words.length * 100, 30), ws);
    }

    @Test
    void onlyAConfidentlyReadDictionaryWordGuardsAgainstADiacritic() {
        Predicate<String> dictionary = Set.of("Arg", "Naive", "and")::contains;
        Line stock = line(new double[] {96, 45, 93}, "Naive", "Arg", "and");
        Line ext = line(new double[] {90, 80, 92}, "Naïve", "Ærø", "and");
        assertEquals("Naive Ærø and", LettersStep.merge(stock, ext, dictionary).text());
    }

    @Test
    void aWordTheScriptsStepRespelledDoesNotGuardAgainstARareLetter() {
        Predicate<String> dictionary = Set.of("Amo", "and", "are", "names")::contains;
        // as first read, a confident dictionary word guards
        Line read = line(new double[] {93, 93, 93}, "Amo", "and", "names");
        Line ext = line(new double[] {90, 92, 92}, "Ærø", "and", "names");
        assertSame(read, LettersStep.merge(read, ext, dictionary));
        // the same letters made Latin by the scripts step (read as Cyrillic Ато) do not
        List<Word> ws = new ArrayList<>(read.words());
        Word w = ws.get(0);
        ws.set(0, new Word(w.text(), w.confidence(), w.box(), new dev.ocrcli.result.Origin(ScriptsStep.NAME, "eng"), List.of()));
        Line respelled = read.withWords(ws);
        assertEquals("Ærø and names", LettersStep.merge(respelled, ext, dictionary).text());
    }

    @Test
    void aLoneLetterOfTheOtherScriptTakesTheLinesScript() {
        Line stock = line(90, "объём", "—", "буквы", "E", "и", "Ъ.");
        Line ext = line(90, "объём", "—", "буквы", "Ё", "и", "Ъ.");
        assertEquals("объём — буквы Ё и Ъ.", LettersStep.merge(stock, ext, DICTIONARY).text());
        // a Latin line keeps its Latin letter whatever the extension model thinks
        Line latin = line(90, "the", "letter", "E", "is");
        Line latinExt = line(90, "the", "letter", "Е", "is");
        assertSame(latin, LettersStep.merge(latin, latinExt, DICTIONARY));
    }

    @Test
    void aLoneLetterAlreadyInTheLinesScriptTakesTheMarkTheStockReadingDropped() {
        // the scripts step has made the stock's Latin E the Cyrillic look-alike Е; the extension model sees Ё
        Line stock = line(90, "объём", "—", "буквы", "Е", "и", "Ъ.");
        Line ext = line(90, "объём", "—", "буквы", "Ё", "и", "Ъ.");
        assertEquals("объём — буквы Ё и Ъ.", LettersStep.merge(stock, ext, DICTIONARY).text());
        // another letter altogether is no mark dropped: the stock letter stays
        Line other = line(90, "объём", "—", "буквы", "Ж", "и", "Ъ.");
        assertSame(stock, LettersStep.merge(stock, other, DICTIONARY));
        assertEquals("Е", LettersStep.withoutMarks("Ё"));
    }

    @Test
    void lettersTouchingDigitsAreANumberMisreadButACodeKeepsItsDash() {
        assertTrue(LettersStep.lettersTouchDigits("өоо.00"));
        assertTrue(LettersStep.lettersTouchDigits("ŀ2"));
        assertTrue(LettersStep.lettersTouchDigits("Ŀ3"));
        assertTrue(!LettersStep.lettersTouchDigits("Ǣ-9"));
        assertTrue(!LettersStep.lettersTouchDigits("K-17"));
        assertTrue(!LettersStep.lettersTouchDigits("600.00"));
        assertTrue(!LettersStep.lettersTouchDigits("Ҕ"));
        // in place of a number, such a reading is refused however confident; in place of a non-number it may stand
        assertEquals("TOTAL 600.00", LettersStep.merge(line(80, "TOTAL", "600.00"), line(90, "TOTAL", "өоо.00"), DICTIONARY).text());
        assertEquals("tag Ŀ3", LettersStep.merge(line(60, "tag", "[--3"), line(80, "tag", "Ŀ3"), DICTIONARY).text());
    }

    @Test
    void theMiddleDotIsNewsOnlyBetweenTwoEls() {
        assertTrue(LettersStep.addsForeignLetter("paral-lel", "paral·lel"));
        assertTrue(!LettersStep.addsForeignLetter("M-3", "M·3"));
        assertTrue(!LettersStep.addsForeignLetter("K-17", "K-·17"));
        assertEquals("Motor M-3", LettersStep.merge(line(80, "Motor", "M-3"), line(80, "Motor", "M·3"), DICTIONARY).text());
    }
}
