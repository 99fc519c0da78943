package dev.ocrcli.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.cli.ExitCodes;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.HostileFiles;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 19 item 4 through the command line: a 301-page TIFF of 46 KB, --max-pages, a GIF declaring 30000x30000. */
class LongDocumentsTest {
    @TempDir
    Path tmp;

    static byte[] sharedStripTiff(int extra) throws Exception {
        BufferedImage page = TestImages.render(List.of("Shared strips 301", "one set of strips", "for every page"), 20);
        BufferedImage grey = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(page, 0, 0, null);
        return HostileFiles.tiffWithSharedStrips(TestImages.encode(grey, "tiff"), extra);
    }

    @Test
    void aTiffOfThreeHundredPagesSharingOneSetOfStripsIsReadPageByPageOnEveryEngine() throws Exception {
        byte[] tiff = sharedStripTiff(300);
        assertTrue(tiff.length < 100_000, "a small file: " + tiff.length);
        Path file = TestImages.write(tmp, "pages.tif", tiff);
        long t0 = System.nanoTime();
        Run r = Cli.run(file.toString(), "-f", "json", "--lang", "eng", "-j", "2", "--preprocess", "none");
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        JsonNode pages = json.get("pages");
        assertEquals(301, pages.size());
        for (int i = 0; i < pages.size(); i++) {
            assertEquals(i + 1, pages.get(i).get("page").asInt(), "pages in order");
            assertEquals("Shared strips 301\none set of strips\nfor every page", pages.get(i).get("text").asText().strip(),
                    "page " + (i + 1));
        }
        long recognize = json.get("timing_ms").get("recognize").asLong();
        long total = json.get("timing_ms").get("total").asLong();
        // two engines reading side by side spend more engine time than passes on the clock (one engine: less)
        assertTrue(recognize > 1.4 * total, "pages recognised in parallel: recognize " + recognize + " ms, total " + total + " ms");
        assertTrue(wallMs < 120_000, "took " + wallMs + " ms");
    }

    @Test
    void maxPagesRefusesALongInputBeforeReadingAnyPage() throws Exception {
        Path file = TestImages.write(tmp, "pages.tif", sharedStripTiff(300));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Run r = Cli.run(file.toString(), "--max-pages", "300", "-o", out.toString(), "--lang", "eng");
        assertEquals(ExitCodes.IMAGE_TOO_LARGE, r.exitCode(), r.toString());
        assertEquals(List.of("ocr-cli: error: " + file + ": 301 pages, more than the limit of 300 (--max-pages)"), r.stderr().lines().toList());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
        Run ok = Cli.run(file.toString(), "--max-pages", "301", "--lang", "eng", "-j", "2", "--preprocess", "none");
        assertEquals(0, ok.exitCode(), ok.toString());
        Run bad = Cli.run(file.toString(), "--max-pages", "-1");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
    }

    @Test
    void aSmallGifDeclaringThirtyThousandSquareIsRefusedFromItsHeader() throws Exception {
        BufferedImage white = new BufferedImage(1000, 1000, BufferedImage.TYPE_BYTE_INDEXED);
        var g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 1000, 1000);
        g.dispose();
        byte[] gif = HostileFiles.gifDeclaring(TestImages.encode(white, "gif"), 30000, 30000);
        assertTrue(gif.length < 10_000, "a few KB: " + gif.length);
        Path file = TestImages.write(tmp, "bomb.gif", gif);
        long t0 = System.nanoTime();
        Run r = Cli.run(file.toString(), "--lang", "eng");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), r.stderr());
        assertTrue(lines.get(0).startsWith("ocr-cli: error: " + file + ": ") && lines.get(0).contains("30000x30000"), lines.get(0));
        assertTrue(lines.get(0).contains("decompression bomb"), lines.get(0));
        assertTrue(ms < 20_000, "refused from the header, not decoded: " + ms + " ms");
    }
}
