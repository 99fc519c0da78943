package dev.ocrcli.engine;

import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.Word;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Tess4J's and Tesseract's own test suites expect of their test pages
 * ({@code ../shared/eval/real/README.md}), re-run through ocr-cli's API and CLI with {@code eng}.
 */
class Tess4jExpectationsTest {
    static final String EUROTEXT_START = "The (quick) [brown] {fox} jumps!\nOver the $43,456.78 <lazy> #90 dog";
    static OcrEngine eng;

    @BeforeAll
    static void load() {
        eng = OcrEngine.builder().languages("eng").build();
    }

    @AfterAll
    static void close() {
        eng.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tess4j/eurotext.png", "tess4j/eurotext.bmp", "tesseract-test/eurotext.tif"})
    void eurotextStartsAsExpected(String file) {
        OcrResult r = eng.recognize(Shared.require("eval/real/" + file));
        assertTrue(r.text().startsWith(EUROTEXT_START), r.text());
    }

    @Test
    void eurotextRectanglesReadExactly() {
        Path png = Shared.require("eval/real/tess4j/eurotext.png");
        Cli.Run r = Cli.run(png.toString(), "--rect", "97,162,747,50", "--rect", "97,209,828,55", "--rect", "92,56,810,107");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("& duck/goose, as 12.5% of E-mail\nfrom aspammer@website.com is spam.\n"
                + "The (quick) [brown] {fox} jumps!\nOver the $43,456.78 <lazy> #90 dog\n", r.stdout());
    }

    @Test
    void eurotextHas66WordsWithConfidence() {
        OcrResult r = eng.recognize(Shared.require("eval/real/tess4j/eurotext.png"));
        List<Word> words = r.words();
        assertEquals(66, words.size());
        for (Word w : words) {
            assertTrue(w.confidence() > 0, w.toString());
        }
        String first12 = String.join(" ", words.subList(0, 12).stream().map(Word::text).toList());
        assertEquals(EUROTEXT_START.replace('\n', ' ') + " &", first12);
    }

    @Test
    void phototestMatchesTesseractsExpectedText() throws Exception {
        Path dir = Shared.require("eval/real/tesseract-test");
        OcrResult r = eng.recognize(dir.resolve("phototest.tif"));
        assertEquals(Files.readString(dir.resolve("phototest.txt")).strip(), r.text().strip());
    }
}
