package dev.ocrcli.pipeline;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code smooth} step with the real engine: print broken into dots, and a page that needs nothing. */
class SmoothStepTest {
    static final List<String> RECEIPT = List.of("GROCERY MART 19 HIGH STREET", "Invoice No 10090 Cashier 01",
            "Bread 2 x 1.50 3.00", "Milk 1 x 0.99 0.99", "Subtotal 3.99", "Total incl tax 3.99", "Thank you please come again");

    /** Text printed as a dot-matrix printer prints it: a dot on every third pixel of a grid where the glyph has ink. */
    static GrayImage dotted(List<String> lines) {
        BufferedImage img = TestImages.render(lines, 26);
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h];
        java.util.Arrays.fill(out, (byte) 255);
        for (int y = 0; y + 1 < h; y += 3) {
            for (int x = 0; x + 1 < w; x += 3) {
                if ((img.getRaster().getSample(x, y, 0) & 0xff) < 128) {
                    out[y * w + x] = 0;
                    out[y * w + x + 1] = 0;
                    out[(y + 1) * w + x] = 0;
                    out[(y + 1) * w + x + 1] = 0;
                }
            }
        }
        return new GrayImage(w, h, out);
    }

    @Test
    void dotMatrixPrintReadsWhenSmoothed() {
        GrayImage page = dotted(RECEIPT);
        try (OcrEngine smooth = OcrEngine.builder().languages("eng").preprocess("smooth").build();
             OcrEngine none = OcrEngine.builder().languages("eng").preprocess("none").build()) {
            OcrResult r = smooth.recognize(OcrInput.of("dots", page, 0));
            OcrResult plain = none.recognize(OcrInput.of("dots", page, 0));
            String report = r.pages().get(0).preprocessing().toString();
            int with = PipelineTest.wordsFound(RECEIPT, r.text());
            int without = PipelineTest.wordsFound(RECEIPT, plain.text());
            assertTrue(PipelineTest.applied(r, "smooth"), report);
            assertTrue(with > without + 5, "words found: " + with + " smoothed, " + without + " without; " + r.text() + "\n" + report);
            // the words come from the smoothed reading, with boxes on the page as given (not the enlarged one)
            r.words().forEach(word -> {
                assertEquals("smooth", word.origin().reading(), word.toString());
                assertTrue(word.box().x1() <= page.width() && word.box().y1() <= page.height(), word.toString());
            });
        }
    }

    @Test
    void aPageThatReadsWellIsNotReadAgain() {
        try (OcrEngine smooth = OcrEngine.builder().languages("eng").preprocess("smooth").build()) {
            OcrResult r = smooth.recognize(OcrInput.of("clean", GrayImage.from(TestImages.render(RECEIPT, 18)), 0));
            String report = r.pages().get(0).preprocessing().toString();
            assertTrue(!PipelineTest.applied(r, "smooth") && !report.contains("read smoothed"), report);
            assertEquals(String.join("\n", RECEIPT), r.text().strip().replaceAll("\n+", "\n"));
        }
    }

    @Test
    void blurKeepsAFlatImageFlatAndSpreadsADot() {
        byte[] flat = new byte[20 * 10];
        java.util.Arrays.fill(flat, (byte) 200);
        GrayImage f = SmoothStep.blur(new GrayImage(20, 10, flat), 1.5);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                assertEquals(200, f.get(x, y));
            }
        }
        byte[] dot = new byte[21 * 21];
        java.util.Arrays.fill(dot, (byte) 255);
        dot[10 * 21 + 10] = 0;
        GrayImage d = SmoothStep.blur(new GrayImage(21, 21, dot), 1);
        assertTrue(d.get(10, 10) > 0 && d.get(10, 10) < 255, "the dot lightens: " + d.get(10, 10));
        assertTrue(d.get(11, 10) < 255 && d.get(11, 10) == d.get(9, 10) && d.get(11, 10) == d.get(10, 11), "its neighbours darken alike");
        assertEquals(255, d.get(0, 0), "far away nothing changes");
    }
}
