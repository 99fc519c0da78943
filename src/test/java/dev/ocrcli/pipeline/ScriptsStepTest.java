package dev.ocrcli.pipeline;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.testing.Shared;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        // only letters without a twin vote for the page's script
        assertArrayEquals(new int[] {0, 0}, Script.countDistinct("\u0410\u0412 AB"));
        assertArrayEquals(new int[] {2, 1}, Script.countDistinct("Part \u0411"));
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
}
