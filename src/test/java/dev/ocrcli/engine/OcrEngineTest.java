package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.pipeline.Steps;
import dev.ocrcli.result.Box;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.Word;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library API through the real native Tesseract and real models. */
class OcrEngineTest {
    static final List<String> ENGLISH = List.of("The quick brown fox jumps over the lazy dog.", "Invoice 2026-0142: total due $1,284.50");
    static final List<String> RUSSIAN = List.of("Съешь же ещё этих мягких французских булок.", "Отчёт за третий квартал готов к печати.");
    static final List<String> MIXED = List.of("Hello, world! Привет, мир!", "Order 17 shipped on Monday.", "Заказ 17 отправлен в понедельник.");

    static OcrEngine engRus;

    @BeforeAll
    static void load() {
        engRus = OcrEngine.builder().languages("eng+rus").build();
    }

    @AfterAll
    static void close() {
        engRus.close();
    }

    static String lines(OcrResult r) {
        return r.text().strip().replaceAll("\n+", "\n");
    }

    @Test
    void readsEnglishExactly() {
        try (OcrEngine eng = OcrEngine.builder().languages("eng").build()) {
            OcrResult r = eng.recognize(OcrInput.of("en", TestImages.render(ENGLISH), 0));
            assertEquals(String.join("\n", ENGLISH), lines(r));
        }
    }

    @Test
    void readsRussianExactly() {
        try (OcrEngine rus = OcrEngine.builder().languages("rus").build()) {
            OcrResult r = rus.recognize(OcrInput.of("ru", TestImages.render(RUSSIAN), 0));
            assertEquals(String.join("\n", RUSSIAN), lines(r));
        }
    }

    @Test
    void readsMixedEnglishAndRussianExactly() {
        OcrResult r = engRus.recognize(OcrInput.of("mixed", TestImages.render(MIXED), 0));
        assertEquals(String.join("\n", MIXED), lines(r));
        assertEquals(List.of("eng", "rus"), r.languages());
    }

    @Test
    void rareLettersAndDiacriticsComeBackWithEngRusInAFontTheModelNeverSaw() {
        // Liberation Sans was kept out of the extension model's training (training/README.md)
        List<String> text = List.of("Catalan writes paraŀlel and Ŀ rarely.", "Yakut: ыҕыы and Ҕ is a Cyrillic letter.",
                "Old English sǣ: Ǣ is a ligature.", "Units of Ångström near Øresund.");
        OcrResult r = engRus.recognize(OcrInput.of("rare", TestImages.render(text, 40, "Liberation Sans"), 0));
        String got = lines(r);
        for (String letters : List.of("paraŀlel", "Ŀ", "ыҕыы", "Ҕ", "sǣ", "Ǣ", "Ångström", "Øresund")) {
            assertTrue(got.contains(letters), "'" + letters + "' in: " + got);
        }
        assertTrue(got.contains("Cyrillic letter") && got.contains("is a ligature"), got);
        // and it is the letters step that brings them back: without it the stock models cannot write them
        List<String> withoutLetters = Steps.autoNames().stream().filter(n -> !n.equals("letters")).toList();
        assertEquals(Steps.autoNames().size() - 1, withoutLetters.size(), "auto runs the letters step");
        try (OcrEngine without = OcrEngine.builder().languages("eng+rus").preprocess(String.join(",", withoutLetters)).build()) {
            String stock = lines(without.recognize(OcrInput.of("rare", TestImages.render(text, 40, "Liberation Sans"), 0)));
            for (String letter : List.of("Ŀ", "Ҕ", "Ǣ")) {
                assertTrue(!stock.contains(letter), "no " + letter + " without the letters step: " + stock);
            }
        }
    }

    @Test
    void pageTextAgreesWithTheLinesAfterEveryCorrection() {
        // the scripts and letters steps change lines; the page text must carry the same changes
        List<String> text = List.of("Rain (mm) 21.4 C and Ҕ here.", "Привет, мир! Ҕ is a Cyrillic character.", "Special combo: Ǣ is a ligature.");
        OcrResult r = engRus.recognize(OcrInput.of("agree", TestImages.render(text), 0));
        PageResult p = r.pages().get(0);
        List<String> fromLines = p.lines().stream().map(Line::text).toList();
        List<String> fromText = java.util.Arrays.stream(p.text().split("\n")).filter(s -> !s.isBlank()).toList();
        assertEquals(fromLines, fromText);
        assertTrue(p.text().contains("Ҕ") && p.text().contains("Ǣ"), p.text());
    }

    @Test
    void latinDiacriticsSurviveWithTheLatinScriptModel() {
        List<String> text = List.of("Naïve café owners in Zürich serve crème brûlée.", "Łódź, Škoda, Øresund and Ångström are names.");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.ocrcli.lang.TessdataLocator.standard(null).available().containsKey("Latin"),
                "the Latin script model (Debian tesseract-ocr-script-latn, installed by scripts/setup.sh)");
        for (String lang : List.of("Latin", "script/Latin")) {
            try (OcrEngine latin = OcrEngine.builder().languages(lang).build()) {
                assertEquals(String.join("\n", text), lines(latin.recognize(OcrInput.of("d", TestImages.render(text), 0))), lang);
            }
        }
    }

    @Test
    void reportsWordsWithConfidencesAndTheBoxesOfAReadingWithoutPreprocessing() {
        BufferedImage img = TestImages.render(ENGLISH);
        OcrResult r = engRus.recognize(OcrInput.of("en", img, 0));
        PageResult page = r.pages().get(0);
        assertEquals(img.getWidth(), page.width());
        assertEquals(img.getHeight(), page.height());
        assertEquals(2, page.lines().size());
        List<Word> words = r.words();
        assertEquals(String.join(" ", ENGLISH).split(" ").length, words.size());
        assertTrue(r.meanConfidence() > 85, "clean text reads confidently: " + r.meanConfidence());
        List<Word> plain;
        try (OcrEngine none = OcrEngine.builder().languages("eng+rus").preprocess("none").build()) {
            plain = none.recognize(OcrInput.of("en", img, 0)).words();
        }
        assertEquals(plain.stream().map(Word::text).toList(), words.stream().map(Word::text).toList());
        int k = 0;
        for (Line l : page.lines()) {
            assertEquals(l.words().stream().mapToDouble(Word::confidence).average().orElseThrow(), l.confidence(), 1e-9);
            for (Word w : l.words()) {
                assertTrue(w.confidence() > 60, "every clean word reads confidently: " + w);
                assertEquals(dev.ocrcli.result.Origin.layout("eng+rus"), w.origin(), "read by the page layout with the engine's models");
                // the preprocessing's changes of geometry are undone: the word lies where it lies in the image
                Box b = plain.get(k++).box();
                assertTrue(Math.abs(w.box().x0() - b.x0()) <= 2 && Math.abs(w.box().y0() - b.y0()) <= 2
                        && Math.abs(w.box().x1() - b.x1()) <= 2 && Math.abs(w.box().y1() - b.y1()) <= 2,
                        w + " should lie where it lies without preprocessing: " + b);
                assertTrue(contains(l.box(), w.box()), l.box() + " should contain " + w.box());
            }
        }
        // words come in reading order: left to right on a line, lines top to bottom
        Line first = page.lines().get(0);
        for (int i = 1; i < first.words().size(); i++) {
            assertTrue(first.words().get(i).box().x0() > first.words().get(i - 1).box().x0());
        }
        assertTrue(page.lines().get(1).box().y0() > first.box().y0());
        assertTrue(r.meanConfidence() > 80, "clean text should be read with high confidence: " + r.meanConfidence());
    }

    @Test
    void oneEngineReadsManyImagesWithoutCarryingAnythingOver() {
        OcrResult a = engRus.recognize(OcrInput.of("a", TestImages.render(List.of("first image 111")), 0));
        OcrResult b = engRus.recognize(OcrInput.of("b", TestImages.render(List.of("second picture 222")), 0));
        OcrResult c = engRus.recognize(OcrInput.of("c", TestImages.render(List.of("first image 111")), 0));
        assertEquals("first image 111", lines(a));
        assertEquals("second picture 222", lines(b));
        assertEquals(lines(a), lines(c));
    }

    @Test
    void maxImageSizeShrinksButReportsBoxesInOriginalCoordinates() {
        BufferedImage big = TestImages.render(List.of("Scaled text stays readable"), 96);
        OcrResult full = engRus.recognize(OcrInput.of("big", big, 0));
        try (OcrEngine small = OcrEngine.builder().languages("eng").maxImageSize(big.getWidth() / 2).build()) {
            OcrResult shrunk = small.recognize(OcrInput.of("big", big, 0));
            assertEquals("Scaled text stays readable", lines(shrunk));
            assertEquals(big.getWidth(), shrunk.pages().get(0).width());
            Box a = full.words().get(0).box();
            Box b = shrunk.words().get(0).box();
            assertInside(b, big.getWidth(), big.getHeight());
            assertTrue(Math.abs(a.x0() - b.x0()) <= 6 && Math.abs(a.y1() - b.y1()) <= 6 && Math.abs(a.x1() - b.x1()) <= 6,
                    "boxes should map back: " + a + " vs " + b);
        }
    }

    @Test
    void recognisesOnlyTheRegionsAskedFor() {
        List<String> text = List.of("Top line of text", "Middle line here", "Bottom line last");
        BufferedImage img = TestImages.render(text);
        OcrResult whole = engRus.recognize(OcrInput.of("t", img, 0));
        Box middle = whole.pages().get(0).lines().get(1).box();
        Region r = new Region(middle.x0() - 4, middle.y0() - 8, middle.width() + 8, middle.height() + 16);
        OcrResult part = engRus.recognize(OcrInput.of("t", img, 0), List.of(r));
        assertEquals("Middle line here", lines(part));
        // a region as wide as the page (Tesseract's own SetRectangle reads nothing there)
        Region fullWidth = new Region(0, middle.y0() - 8, img.getWidth(), middle.height() + 16);
        assertEquals("Middle line here", lines(engRus.recognize(OcrInput.of("t", img, 0), List.of(fullWidth))));
        assertTrue(part.words().get(0).box().y0() >= middle.y0() - 8, "region boxes are in page coordinates");
        Region bottom = new Region(0, whole.pages().get(0).lines().get(2).box().y0() - 8, img.getWidth(), middle.height() + 16);
        assertEquals("Bottom line last\nMiddle line here", lines(engRus.recognize(OcrInput.of("t", img, 0), List.of(bottom, r))));
    }

    @Test
    void variablesAndPageSegModeReachTesseract() {
        BufferedImage img = TestImages.render(List.of("Room 42 costs 17 dollars"));
        try (OcrEngine digits = OcrEngine.builder().languages("eng").pageSegMode(7).variable("tessedit_char_whitelist", "0123456789").build()) {
            String t = lines(digits.recognize(OcrInput.of("d", img, 0)));
            assertTrue(t.matches("[0-9 ]+"), t);
            assertTrue(t.contains("42") && t.contains("17"), t);
        }
    }

    @Test
    void missingLanguageIsAClearError() {
        OcrException e = assertThrows(OcrException.class, () -> OcrEngine.builder().languages("eng+xyz").build());
        assertEquals(OcrException.Kind.LANGUAGE_MISSING, e.kind());
        assertTrue(e.getMessage().contains("'xyz'") && e.getMessage().contains("tesseract-ocr-xyz")
                && e.getMessage().contains("ocr-cli langs install xyz"), e.getMessage());
    }

    @Test
    void refusesEngineModesTheModelsLack() {
        OcrException e = assertThrows(OcrException.class, () -> OcrEngine.builder().languages("eng").engineMode(0).build());
        assertEquals(OcrException.Kind.BAD_ARGUMENT, e.kind());
        assertTrue(e.getMessage().contains("legacy"), e.getMessage());
        try (OcrEngine lstm = OcrEngine.builder().languages("eng").engineMode(1).build()) {
            assertEquals("LSTM only", lines(lstm.recognize(OcrInput.of("l", TestImages.render(List.of("LSTM only")), 0))));
        }
    }

    @Test
    void unknownVariableIsRefused() {
        OcrException e = assertThrows(OcrException.class, () -> OcrEngine.builder().variable("no_such_variable_x", "1").build());
        assertEquals(OcrException.Kind.BAD_ARGUMENT, e.kind());
    }

    @Test
    void closedEngineCannotBeUsed() {
        OcrEngine e = OcrEngine.builder().build();
        e.close();
        e.close();
        assertThrows(IllegalStateException.class, () -> e.recognize(OcrInput.of("x", TestImages.render(List.of("x")), 0)));
    }

    static void assertInside(Box b, int w, int h) {
        assertTrue(b.x0() >= 0 && b.y0() >= 0 && b.x1() <= w && b.y1() <= h && b.x1() > b.x0() && b.y1() > b.y0(), b + " inside " + w + "x" + h);
    }

    static boolean contains(Box outer, Box inner) {
        return inner.x0() >= outer.x0() && inner.y0() >= outer.y0() && inner.x1() <= outer.x1() && inner.y1() <= outer.y1();
    }
}
