package dev.ocrcli.pipeline;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.result.Line;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.Word;
import dev.ocrcli.testing.Shared;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Words read in the wrong script on Latin + Cyrillic pages. */
class ScriptsStepTest {
    @Test
    void lookAlikesSwapOnlyWhereEveryLetterHasATwin() {
        assertEquals("13 A", Script.lookAlike("13 \u0410", Script.LATIN));
        assertEquals("\u0412", Script.lookAlike("B", Script.CYRILLIC));
        assertNull(Script.lookAlike("\u0411", Script.LATIN), "Б has no Latin twin");
        assertNull(Script.lookAlike("g", Script.CYRILLIC));
        // only letters without a look-alike in any face vote for the page's script
        assertArrayEquals(new int[] {0, 0}, Script.countDistinct("\u0410\u0412 AB"));
        assertArrayEquals(new int[] {2, 1}, Script.countDistinct("Part \u0411"));
        // and only in words with a letter no face shares: зрап and м could be misread span and m
        assertArrayEquals(new int[] {0, 0}, Script.countStrong("\u0437\u0440\u0430\u043f \u043c"));
    }

    @Test
    void aLatinPageWithLatinWordsMisreadInCyrillicLooksLatin() {
        // a units sheet where Tesseract's eng+rus made "span" and "m" Cyrillic (зрап, м) and two
        // units С: those letters all have Latin look-alikes, so they do not make the page mixed,
        // and the С of a line with no telling letter of its own ("Pump 5 40 С") takes the page's script
        List<Line> page = List.of(text("Item Qty Temp Code"), text("Valve 12 21 \u0421 K-17"), text("Pump 5 40 \u0421 B-204"),
                text("Motor 2 65 C M-3"), text("Axle load 8 T, \u0437\u0440\u0430\u043f 6\u0445 4 \u043c"),
                text("Total 19 units, tare 0.5 T"));
        assertEquals(Script.LATIN, ScriptsStep.pageScript(page));
        assertEquals(Script.CYRILLIC, ScriptsStep.pageScript(List.of(text("Длина балки 12 м, ширина 4 м"), text("Масса груза 8 т, объём 6 м3"), text("Pump 5 40 C"))));
        assertNull(ScriptsStep.pageScript(List.of(text("Length 12 m, width 4 m"), text("Длина 12 м, ширина 4 м"))));
    }

    /** A line of the text's words, as {@link LettersStepTest#line} lays them out. */
    private static Line text(String s) {
        return LettersStepTest.line(90, s.split(" "));
    }

    @Test
    void countsLettersPerScript() {
        assertArrayEquals(new int[] {6, 0}, Script.count("Rain (mm)"));
        assertArrayEquals(new int[] {0, 5}, Script.count("Кат (тт)"));
        assertArrayEquals(new int[] {2, 1}, Script.count("T=21.4С x"));
        assertEquals(Script.LATIN, Script.ofLanguage("eng"));
        assertEquals(Script.CYRILLIC, Script.ofLanguage("rus"));
        assertEquals(Script.OTHER, Script.ofLanguage("chi_sim"));
    }

    @Test
    void onlyLatinPlusCyrillicLanguagesAreResolved() {
        assertEquals(java.util.Map.of(Script.LATIN, "eng", Script.CYRILLIC, "rus"), ScriptsStep.languagesByScript(List.of("eng", "rus")));
        assertEquals(java.util.Map.of(Script.LATIN, "eng+deu", Script.CYRILLIC, "rus"),
                ScriptsStep.languagesByScript(List.of("eng", "rus", "deu")));
        assertEquals(null, ScriptsStep.languagesByScript(List.of("eng", "deu")));
        assertEquals(null, ScriptsStep.languagesByScript(List.of("rus")));
    }

    @Test
    void latinTableHeaderKeepsLatinLettersWithEngPlusRus() {
        // Tesseract's own eng+rus reads this header's "Rain (mm)" as Cyrillic "Кат (тт)"
        var img = Shared.require("eval/synthetic/table_en__rot4.png");
        try (OcrEngine plain = OcrEngine.builder().languages("eng+rus").preprocess("deskew").build();
             OcrEngine fixed = OcrEngine.builder().languages("eng+rus").preprocess("deskew,scripts").build()) {
            String before = plain.recognize(img).pages().get(0).lines().get(0).text();
            OcrResult after = fixed.recognize(img);
            String header = after.pages().get(0).lines().get(0).text();
            assertTrue(Script.count(before)[1] > 0, "the stock reading mixes in Cyrillic: " + before);
            assertEquals(0, Script.count(header)[1], "no Cyrillic left in the Latin header: " + header);
            assertTrue(header.contains("Rain") && header.contains("(mm)"), header);
            assertTrue(after.text().contains("Rain (mm)"), "the page text carries the same fix: " + after.text());
        }
    }

    @Test
    void lookAlikeSpellingsInEachScript() {
        // every letter swapped for its look-alikes, digits between letters read as the letters they stand for
        assertEquals("Врезка", Script.spellings("Bpe3ka", Script.CYRILLIC, 32).get(0));
        assertTrue(Script.spellings("Kapma", Script.CYRILLIC, 32).contains("Карта"), "an italic т is read m");
        assertTrue(Script.spellings("Ритр", Script.LATIN, 32).contains("Pump"));
        assertEquals(List.of(), Script.spellings("Sugar", Script.CYRILLIC, 32), "g has no Cyrillic look-alike");
        assertEquals("Bpe3ka", Script.spellings("Bpe3ka", Script.LATIN, 32).get(0), "no Latin letter is drawn like a 3");
        // the shapes both scripts share meet, case folded
        assertEquals(Script.skeleton("Bpe3ka"), Script.skeleton("Врезка"));
        assertEquals(Script.skeleton("Bec"), Script.skeleton("вес"));
        assertEquals(Script.skeleton("on"), Script.skeleton("оп"));
        assertFalse(Script.skeleton("No").equals(Script.skeleton("Мо")));
        assertTrue(Script.allLookAlike("Caxap", Script.CYRILLIC));
        assertFalse(Script.allLookAlike("Sugar", Script.CYRILLIC));
        assertTrue(Script.digitBetweenLetters("Bpe3ka"));
        assertFalse(Script.digitBetweenLetters("K-17"));
        assertFalse(Script.digitBetweenLetters("3a"));
        // letters that tell the script in any face: д and g do, п and n do not
        assertArrayEquals(new int[] {1, 1}, Script.countStrong("gnдп"));
    }

    @Test
    void loneLettersAreSingleLettersAndLettersBesideDigits() {
        assertTrue(ScriptsStep.isLone("T"));
        assertTrue(ScriptsStep.isLone("K-17"));
        assertTrue(ScriptsStep.isLone("1A/4B"));
        assertTrue(ScriptsStep.isLone("21C"));
        assertFalse(ScriptsStep.isLone("on"));
        assertFalse(ScriptsStep.isLone("Bpe3ka"), "a digit between letters is a letter misread");
        assertTrue(ScriptsStep.isLone("7730-2291-KX"), "a code's letters");
        assertFalse(ScriptsStep.isLone("Sugar"));
        assertEquals("ВЕРЕСК", ScriptsStep.core("«ВЕРЕСК»"));
        assertEquals("K-17", ScriptsStep.core("K-17,"));
    }

    /** Lines of text written for this test: Russian words made of look-alike letters, units and codes in English and Russian lines. */
    private static final List<String> SHOP = List.of(
            "МАГАЗИН «ВЕРЕСК» Receipt 20931",
            "Сахар / Sugar 1 x 89.50",
            "Карта MIR 8812, касса 2",
            "Ящик К-17 ушёл из Казани 3 марта.",
            "Врезка к статье и Рассказ о складе.",
            "Load 5 T, keep at 21 C, size 4 x 6 m.",
            "Valve 12 21 C K-17",
            "Total 1 x 25.90 TAX 2 x 3.10");

    private static List<String> lines(OcrEngine e, GrayImage img) {
        return List.of(e.recognize(OcrInput.of("t", img, 0)).text().strip().replaceAll("\n+", "\n").split("\n"));
    }

    @Test
    void russianLookAlikeWordsUnitsCodesAndXComeBackInTheirScript() {
        // stock eng+rus on these lines in Liberation Sans: Latin BEPECK and Caxap for the Russian words, a Latin K in the
        // Russian line's code, Cyrillic Т and С for the English line's units and a Cyrillic х for its x
        GrayImage img = GrayImage.from(TestImages.render(SHOP, 28, "Liberation Sans"));
        try (OcrEngine plain = OcrEngine.builder().languages("eng+rus").preprocess("none").build();
             OcrEngine fixed = OcrEngine.builder().languages("eng+rus").preprocess("scripts").build()) {
            List<String> before = lines(plain, img);
            List<String> after = lines(fixed, img);
            assertEquals(SHOP.size(), before.size(), String.join("\n", before));
            assertTrue(before.get(0).contains("BEPECK") && before.get(1).startsWith("Caxap"), "stock reads them Latin: " + before);
            assertTrue(before.get(3).contains("K-17") && Script.count(before.get(5))[1] > 0, "stock: " + before);
            assertEquals("МАГАЗИН «ВЕРЕСК» Receipt 20931", after.get(0));
            assertEquals("Сахар / Sugar 1 x 89.50", after.get(1));
            assertEquals("Ящик К-17 ушёл из Казани 3 марта.", after.get(3));
            assertEquals(0, Script.count(after.get(5))[1], "no Cyrillic letter left in the English line: " + after.get(5));
            assertTrue(after.get(5).startsWith("Load 5 T, keep at 21 C, size 4x"), after.get(5));
            assertEquals(0, Script.count(after.get(6))[1], after.get(6));
            // what stock read right stays right
            for (int i : new int[] {2, 4, 7}) {
                assertEquals(before.get(i), after.get(i));
            }
        }
    }

    @Test
    void anXBetweenTwoNumbersIsTheTimesSignAndStaysLatinInARussianLine() {
        // a Russian till: stock eng+rus reads the x Latin, and a lone letter taking its line's
        // script would make it Cyrillic
        List<String> till = List.of("Кофе молотый 3 x 150.00", "Чай чёрный 2 x 45.00", "Хлеб ржаной 1 x 38.00");
        GrayImage img = GrayImage.from(TestImages.render(till, 28, "Liberation Sans"));
        try (OcrEngine fixed = OcrEngine.builder().languages("eng+rus").preprocess("scripts").build()) {
            assertEquals(till, lines(fixed, img));
        }
        List<Word> words = text("2 х 3 x м х").words();
        assertTrue(ScriptsStep.timesSign(words, 1));
        assertFalse(ScriptsStep.timesSign(words, 3) || ScriptsStep.timesSign(words, 5), "not between two numbers");
        // a line too short to tell its script takes the page's, but its times sign stays Latin
        assertEquals("2 x 3 \u0422", ScriptsStep.lookAlikes(text("2 х 3 T"), Script.CYRILLIC).text());
    }

    @Test
    void aRussianWordWithADigitForZeInAnEnglishLineComesBackCyrillic() {
        // DejaVu Sans Mono: stock eng+rus reads the Russian word in the English line as Bpe3ka, a 3 for its з. The
        // English line's script is Latin: the Cyrillic spelling wins on the Russian dictionary and the Russian model's reading
        List<String> text = List.of("The inset Врезка is on page 12.", "Врезка: Рассказ о резке.", "See Врезка 3 and Сказка 4.",
                "Resize: Врезка, резка, Сказ.", "Сахар / Sugar 1 x 89.50", "Карта MIR 8812, касса 2", "Ящик К-17 ушёл из Казани 3 марта.");
        GrayImage img = GrayImage.from(TestImages.render(text, 24, "DejaVu Sans Mono"));
        try (OcrEngine plain = OcrEngine.builder().languages("eng+rus").preprocess("none").build();
             OcrEngine fixed = OcrEngine.builder().languages("eng+rus").preprocess("scripts").build()) {
            List<String> before = lines(plain, img);
            OcrResult r = fixed.recognize(OcrInput.of("t", img, 0));
            List<String> after = List.of(r.text().strip().replaceAll("\n+", "\n").split("\n"));
            assertEquals("The inset Bpe3ka is on page 12.", before.get(0), "the stock reading");
            assertEquals("The inset Врезка is on page 12.", after.get(0));
            for (int i = 1; i < text.size(); i++) {
                assertEquals(before.get(i), after.get(i), "what stock read right stays right");
            }
            String report = r.pages().get(0).preprocessing().stream().filter(s -> s.step().equals("scripts")).findFirst().orElseThrow().detail();
            assertTrue(report.startsWith("1 words changed: 1 by the dictionaries and the line"), report);
        }
    }
}
