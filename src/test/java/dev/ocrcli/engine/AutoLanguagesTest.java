package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --lang auto}: each page read with the languages of the script Tesseract's osd sees on it. */
class AutoLanguagesTest {
    static final List<String> GREEK = List.of(
            "Η γρήγορη καφέ αλεπού πηδάει πάνω από τον σκύλο.",
            "Το τιμολόγιο πληρώθηκε την Τρίτη το πρωί.",
            "Η αποστολή θα φτάσει στην Αθήνα την Παρασκευή.");

    static OcrEngine auto;

    @BeforeAll
    static void load() {
        auto = OcrEngine.builder().languages("auto").build();
    }

    @AfterAll
    static void close() {
        auto.close();
    }

    @Test
    void aPageMixingLatinAndCyrillicIsReadWithEngRus() {
        OcrResult r = auto.recognize(OcrInput.of("mixed", TestImages.render(OcrEngineTest.MIXED), 0));
        assertEquals(List.of("eng", "rus"), r.languages());
        assertEquals(String.join("\n", OcrEngineTest.MIXED), OcrEngineTest.lines(r));
    }

    @Test
    void eachPageGetsTheModelOfItsOwnScript() {
        TessdataLocator.standard(null).find("ell");  // scripts/setup.sh installs tesseract-ocr-ell
        OcrInput twoPages = new OcrInput("two", List.of(
                Page.of(1, GrayImage.from(TestImages.render(GREEK)), 0),
                Page.of(2, GrayImage.from(TestImages.render(OcrEngineTest.ENGLISH)), 0)), 0);
        OcrResult r = auto.recognize(twoPages);
        assertEquals(List.of("ell", "eng", "rus"), r.languages(), "page 1 with ell+eng, page 2 with eng+rus");
        String greek = r.pages().get(0).text().strip().replaceAll("\n+", "\n");
        double cer = dev.ocrcli.eval.Cer.score(String.join("\n", GREEK), greek).cer();
        assertTrue(cer < 0.02, "Greek page read as Greek: " + greek + " (CER " + cer + ")");
        assertEquals(String.join("\n", OcrEngineTest.ENGLISH), r.pages().get(1).text().strip().replaceAll("\n+", "\n"));
    }

    @Test
    void aScriptWithoutAnInstalledModelFallsBackToTheBaseSet() {
        try (LanguageGuesser g = new LanguageGuesser(TessdataLocator.standard(null), true)) {
            assertEquals(List.of("eng", "rus"), g.base());
            assertEquals(g.base(), g.languagesForScript("Latin", "x"));
            assertEquals(g.base(), g.languagesForScript("Cyrillic", "x"));
            assertEquals(List.of("ell", "eng"), g.languagesForScript("Greek", "x"));
            // no Ethiopic model is installed here (nor asked for by setup.sh)
            assertEquals(g.base(), g.languagesForScript("Ethiopic", "x"));
        }
    }

    @Test
    void autoCannotBeCombinedWithOtherLanguages() {
        OcrException e = assertThrows(OcrException.class, () -> OcrEngine.builder().languages("auto+eng"));
        assertTrue(e.getMessage().contains("cannot be combined"), e.getMessage());
    }

    @Test
    void theTextMustBearTheDetectedScriptOut() {
        assertTrue(LanguageGuesser.confirms("Greek", "Το τιμολόγιο πληρώθηκε την Τρίτη (invoice 17)."));
        assertEquals(false, LanguageGuesser.confirms("Greek", "Table 5. Sales by region, 1998 (a stained copy) Ω"));
        assertEquals(false, LanguageGuesser.confirms("Arabic", "12 345"), "no letters at all");
        assertTrue(LanguageGuesser.confirms("Japanese", "東京 ひらがな カタカナ"));
    }

    @Test
    void aStainedLatinPageThatOsdTakesForGreekIsReadAsLatin() {
        java.nio.file.Path page = dev.ocrcli.testing.Shared.require("eval/scribe/img/table_05.png");
        OcrResult r = auto.recognize(page);
        assertEquals(List.of("eng", "rus"), r.languages());
        try (OcrEngine engRus = OcrEngine.builder().languages("eng+rus").build()) {
            assertEquals(engRus.recognize(page).text(), r.text());
        }
    }
}
