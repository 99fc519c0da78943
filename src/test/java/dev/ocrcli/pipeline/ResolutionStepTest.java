package dev.ocrcli.pipeline;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.StepReport;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code resolution} step: the resolution a page's text says it was scanned at. */
class ResolutionStepTest {
    static final List<String> TEXT = List.of("The committee reviewed the annual report on shipping,",
            "and 1234 invoices were paid in March before the audit.", "Operations resumed quickly after the storm passed.");

    /** Text of {@code points} pt as a scan at {@code dpi} renders it. */
    static GrayImage scanned(double points, int dpi) {
        return GrayImage.from(TestImages.render(TEXT, (int) Math.round(points * dpi / 72.0)));
    }

    @Test
    void bodyTextGivesTheResolutionItWasScannedAt() {
        for (int dpi : new int[] {150, 200, 300, 400}) {
            int est = ResolutionStep.estimate(Analysis.glyphHeight(scanned(ResolutionStep.BODY_POINTS, dpi)));
            assertTrue(Math.abs(est - dpi) <= 0.15 * dpi, "11 pt text scanned at " + dpi + " dpi estimated at " + est);
        }
        // twice the type size reads as body text at twice the resolution: what Tesseract's thresholds expect
        int small = ResolutionStep.estimate(Analysis.glyphHeight(scanned(11, 200)));
        int large = ResolutionStep.estimate(Analysis.glyphHeight(scanned(22, 200)));
        assertTrue(Math.abs(large - 2 * small) <= 0.15 * large, small + " and " + large);
    }

    @Test
    void autoLeavesItOutAndNamesBringItIn() {
        assertTrue(!Steps.autoNames().contains("resolution") && Steps.names().contains("resolution"));
        List<String> named = Steps.parse("auto,resolution").stream().map(Steps.Info::name).toList();
        assertEquals(Steps.autoNames().size() + 1, named.size());
        assertEquals(Steps.names().indexOf("resolution"), named.indexOf("resolution"), "in pipeline order");
    }

    @Test
    void aBlankPageKeepsTheDeclaredResolution() {
        GrayImage blank = GrayImage.from(new java.awt.image.BufferedImage(400, 300, java.awt.image.BufferedImage.TYPE_BYTE_GRAY));
        ImageStep.Outcome o = new ResolutionStep().apply(blank);
        assertTrue(!o.applied() && o.detail().contains("declared"), o.detail());
        assertEquals(0, ResolutionStep.estimate(0));
    }

    @Test
    void theEngineReportsTheEstimateAndReadsThePage() {
        GrayImage page = scanned(11, 300);
        try (OcrEngine e = OcrEngine.builder().languages("eng").preprocess("resolution").build()) {
            OcrResult r = e.recognize(OcrInput.of("page", page, 96));
            StepReport s = r.pages().get(0).preprocessing().get(0);
            assertTrue(s.step().equals("resolution") && s.applied() && s.detail().matches("\\d+ dpi, from \\d+ px glyphs"), s.toString());
            assertEquals(String.join("\n", TEXT), r.text().strip().replaceAll("\n+", "\n"));
            assertEquals(96, r.pages().get(0).dpi(), "the page keeps the resolution its file declares (PDF page sizes come from it)");
        }
    }
}
