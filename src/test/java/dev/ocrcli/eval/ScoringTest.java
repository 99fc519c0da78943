package dev.ocrcli.eval;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The definitions, checked by hand-computed values (the agreement with the Python tools is in ReferenceAgreementTest). */
class ScoringTest {
    @Test
    void cerCountsCodePointEditsOverGroundTruthLength() {
        Cer.Score s = Cer.score("Hello world again", "Hallo world again");
        assertEquals(1, s.charErrors());
        assertEquals(17, s.gtChars());
        assertEquals(1.0 / 17, s.cer(), 1e-12);
        assertEquals(1.0 / 3, s.wer(), 1e-12);
    }

    @Test
    void normalisationFoldsDashesQuotesWhiteSpaceAndBlankLines() {
        assertEquals("a-b - c \"q\" 'r'\nnext", Cer.normalize("  a\u2013b \u2014\tc \u201eq\u201d \u2018r\u2019 \n\n\u00a0\n next\r\n"));
        String nfd = Normalizer.normalize("Café ёлка", Normalizer.Form.NFD);
        assertEquals(0.0, Cer.score("Café ёлка", nfd).cer());
        assertEquals(List.of("a", "b"), PyText.split("a\u200a\u3000b\u001f"));
        assertEquals("a\u200bb", Cer.normalize("a\u200bb"), "a zero-width space is not white space in Python");
    }

    @Test
    void emptyOutputAndEmptyTruth() {
        assertEquals(1.0, Cer.score("abc def", "").cer());
        assertEquals(1.0, Cer.score("abc def", "").wer());
        assertEquals(3.0, Cer.score("", "abc").cer(), "max(1, 0) denominator");
        assertEquals(0.0, Cer.score("\n \n", "").cer());
        assertEquals(2, Cer.score("\uD83D\uDE00x", "y").charErrors(), "an emoji is one code point");
    }

    @Test
    void wordAccuracyIsAnExactMultisetMatch() {
        WordAccuracy.Score s = WordAccuracy.score(List.of("the", "the", "the", "Cat", "sat"), "the cat sat the\nextra");
        assertEquals(3, s.correct());
        assertEquals(3.0 / 5, s.accuracy(), 1e-12);
        assertEquals(3.0 / 5, s.precision(), 1e-12);
        assertEquals(0.0, WordAccuracy.score(List.of("a"), "").precision());
    }

    @Test
    void hocrWordsWithEntitiesAndNestedTags() {
        String hocr = "<div class='ocr_line'><span class='ocrx_word' id='w1' title='bbox 1 2 3 4'>AT&amp;T</span>"
                + "<span class=\"ocrx_word\" title=\"x\"><strong>&quot;Bold&quot;</strong></span>\n"
                + "<span class='ocrx_word'>\n  multi\n</span><span class='ocrx_word'> </span>"
                + "<span class='ocrx_word'><span class='ocrx_cinfo'>in</span>ner</span>"
                + "<span class='ocrx_word'>&#x41;&#66;&mdash;&ampx&notit;&#150;&#1;&bogus;</span></div>";
        assertEquals(List.of("AT&T", "\"Bold\"", "multi", "in", "AB\u2014&x\u00acit;\u2013&bogus;"), HocrWords.extract(hocr));
    }

    @Test
    void numericReferencesFollowTheHtmlStandard() {
        assertEquals("\uFFFD\u20AC\uFFFD\uFFFD", HtmlEntities.unescape("&#0;&#x80;&#xD800;&#99999999999999;"));
        assertEquals("", HtmlEntities.unescape("&#x1;&#xFFFF;"));
        assertEquals("&#x;&;", HtmlEntities.unescape("&#x;&;"));
        assertEquals(2231, HtmlEntities.names().size());
    }
}
