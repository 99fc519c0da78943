package dev.ocrcli.image;

import dev.ocrcli.cli.ExitCodes;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.RawPdf;
import dev.ocrcli.testing.Shared;
import dev.ocrcli.testing.TestImages;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PDFs as scanners and archives make them (JBIG2, JPEG 2000 page images) and as damage or malice
 * makes them (issue 19's recipes), through the real command line: each broken file is one line
 * {@code ocr-cli: error: PATH: ...}, exit 4, never an internal error or an empty success.
 */
class PdfInputTest {
    static final List<String> TEXT = List.of("Scanned archive page", "stored as JPEG 2000");

    @TempDir
    Path tmp;

    static String norm(String s) {
        return s.strip().replaceAll("\n+", "\n");
    }

    @Test
    void jbig2ScanReadsLikeTheSamePageAsPng() {
        Path pdf = Shared.require("eval/real/tess4j/eurotext.pdf");
        Path png = Shared.require("eval/real/tess4j/eurotext.png");
        Run fromPdf = Cli.run(pdf.toString(), "--lang", "eng");
        Run fromPng = Cli.run(png.toString(), "--lang", "eng");
        assertEquals(0, fromPdf.exitCode(), fromPdf.toString());
        assertEquals("", fromPdf.stderr(), "PDFBox says nothing without -v");
        String expected = "The (quick) [brown] {fox} jumps!\nOver the $43,456.78 <lazy> #90 dog";
        assertTrue(fromPdf.stdout().startsWith(expected), fromPdf.stdout());
        List<String> pdfLines = fromPdf.stdout().lines().filter(l -> !l.isBlank()).limit(4).toList();
        List<String> pngLines = fromPng.stdout().lines().filter(l -> !l.isBlank()).limit(4).toList();
        assertEquals(pngLines, pdfLines, "the JBIG2 page reads as the PNG of the same page");
    }

    static byte[] jpeg2000(BufferedImage img, boolean codestreamOnly) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg2000").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            var p = (com.github.jaiimageio.jpeg2000.J2KImageWriteParam) w.getDefaultWriteParam();
            p.setWriteCodeStreamOnly(codestreamOnly);
            p.setLossless(true);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return out.toByteArray();
    }

    static BufferedImage grey(BufferedImage img) {
        BufferedImage g = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        g.getGraphics().drawImage(img, 0, 0, null);
        return g;
    }

    @Test
    void jpeg2000PageInsideAPdfReadsToItsText() throws Exception {
        BufferedImage page = grey(TestImages.render(TEXT, 40));
        byte[] jp2 = jpeg2000(page, false);
        Path pdf = tmp.resolve("archive.pdf");
        try (PDDocument doc = new PDDocument()) {
            // 150 dpi: the page is the image's size in points at that resolution
            float w = page.getWidth() * 72f / 150;
            float h = page.getHeight() * 72f / 150;
            PDPage p = new PDPage(new PDRectangle(w, h));
            doc.addPage(p);
            PDImageXObject x = new PDImageXObject(doc, new ByteArrayInputStream(jp2), COSName.JPX_DECODE, page.getWidth(),
                    page.getHeight(), 8, PDDeviceGray.INSTANCE);
            try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                cs.drawImage(x, 0, 0, w, h);
            }
            doc.save(pdf.toFile());
        }
        Run r = Cli.run(pdf.toString(), "--lang", "eng", "--pdf-dpi", "150");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", TEXT), norm(r.stdout()));
        assertEquals("", r.stderr());
    }

    @Test
    void jpeg2000FilesAreInputsToo() throws Exception {
        BufferedImage page = TestImages.render(TEXT, 40);
        Path jp2 = TestImages.write(tmp, "page.jp2", jpeg2000(page, false));
        Path j2k = TestImages.write(tmp, "page.j2k", jpeg2000(grey(page), true));
        Run r = Cli.run(jp2.toString(), j2k.toString(), "--lang", "eng");
        assertEquals(0, r.exitCode(), r.toString());
        String[] parts = r.stdout().split("\f");
        assertEquals(2, parts.length, r.stdout());
        for (String p : parts) {
            assertEquals(String.join("\n", TEXT), norm(p));
        }
        byte[] bytes = Files.readAllBytes(jp2);
        Path cut = TestImages.write(tmp, "cut.jp2", Arrays.copyOf(bytes, 60));
        Run bad = Cli.run(cut.toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, bad.exitCode(), bad.toString());
        assertOneLine(bad, cut, "truncated or corrupt");
    }

    @Test
    void aJpeg2000ImageWhoseDecoderNeverFinishesFailsItsPdfWithinTheDeadline() throws Exception {
        byte[] jp2 = Files.readAllBytes(Shared.repo().resolve("src/test/resources/fixtures/jpeg2000-endless-packet.jp2"));
        Path bad = TestImages.write(tmp, "endless-jpx.pdf",
                RawPdf.withImage("/Width 173 /Height 61 /BitsPerComponent 8 /ColorSpace /DeviceGray /Filter /JPXDecode", jp2));
        Path good = TestImages.write(tmp, "good.png", TestImages.encode(TestImages.render(TEXT, 40), "png"));
        long t0 = System.nanoTime();
        Run r = Cli.run(bad.toString(), good.toString(), "--lang", "eng");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        assertOneLine(r, bad, "page 1", "corrupt JPEG 2000 image");
        assertEquals(String.join("\n", TEXT), norm(r.stdout()), "the other file is still read");
        assertTrue(seconds < 10 + 20, "finished after " + seconds + " s: " + r);
    }

    static void assertOneLine(Run r, Path file, String... parts) {
        List<String> lines = r.stderr().lines().filter(l -> l.contains(file.toString())).toList();
        assertEquals(1, lines.size(), "one line for " + file + ": " + r.stderr());
        String line = lines.get(0);
        assertTrue(line.startsWith("ocr-cli: error: " + file + ": "), line);
        for (String p : parts) {
            assertTrue(line.contains(p), "'" + p + "' in: " + line);
        }
        assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
        assertFalse(r.stderr().contains("internal error"), r.stderr());
    }

    @Test
    void brokenPageTreesAreUnreadablePdfsNotInternalErrors() throws Exception {
        List<String> args = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (var e : RawPdf.brokenTrees().entrySet()) {
            Path p = TestImages.write(tmp, e.getKey(), e.getValue());
            paths.add(p);
            args.add(p.toString());
        }
        args.addAll(List.of("--lang", "eng", "-f", "json"));
        Run r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        assertEquals("", r.stdout(), "no result for any of them");
        for (Path p : paths) {
            assertOneLine(r, p, "unreadable PDF (");
        }
        assertTrue(r.stderr().contains("0 ok, 4 failed"), r.stderr());
        // alone, too: the process's own exit code and nothing else on stderr
        Run one = Cli.run(paths.get(2).toString());
        assertEquals(ExitCodes.INPUT_UNREADABLE, one.exitCode(), one.toString());
        assertEquals(1, one.stderr().strip().lines().count(), one.stderr());
        assertTrue(one.stderr().contains("loop"), one.stderr());
    }

    @Test
    void aPageWhoseImageCannotBeDecodedFailsNamingFileAndPage() throws Exception {
        List<String> args = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (var e : RawPdf.brokenImages().entrySet()) {
            Path p = TestImages.write(tmp, e.getKey(), e.getValue());
            paths.add(p);
            args.add(p.toString());
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        args.addAll(List.of("--lang", "eng", "-o", out.toString(), "-f", "txt"));
        Run r = Cli.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        for (Path p : paths) {
            assertOneLine(r, p, "page 1");
        }
        try (var files = Files.list(out)) {
            assertEquals(List.of(), files.toList(), "no output for a page that was not read");
        }
        // the same damage with -v: still one line per problem, no trace, no engine left to leak at
        // exit; -vv shows PDFBox's own traces
        Run v = Cli.run(paths.get(2).toString(), "-v", "--lang", "eng");
        assertEquals(ExitCodes.INPUT_UNREADABLE, v.exitCode(), v.toString());
        assertTrue(v.stderr().contains("ocr-cli: error: " + paths.get(2) + ": page 1"), v.stderr());
        assertFalse(v.stderr().contains("\tat "), "-v shows no stack trace: " + v.stderr());
        assertFalse(v.stderr().contains("LEAK!"), "engines closed before exit: " + v.stderr());
        // inputs that fail before the engine has loaded: it is still closed before the process ends
        Path loop = TestImages.write(tmp, "loop.pdf", RawPdf.brokenTrees().get("kids-itself.pdf"));
        for (Path broken : List.of(loop, tmp.resolve("no-such.pdf"))) {
            Run fast = Cli.run(broken.toString(), "-v", "--lang", "eng");
            assertEquals(1, fast.stderr().lines().filter(l -> l.startsWith("ocr-cli: error: ")).count(), fast.stderr());
            assertFalse(fast.stderr().contains("\tat ") || fast.stderr().contains("LEAK!"), fast.stderr());
        }
        Run vv = Cli.run(paths.get(2).toString(), "-vv", "--lang", "eng");
        assertTrue(vv.stderr().contains("PDFStreamEngine") || vv.stderr().contains("pdfbox"), vv.stderr());
    }

    @Test
    void pdfLoggingIsQuietByDefault() {
        // a valid PDF whose fonts PDFBox warns about stays silent; with -vv its warnings show
        byte[] pdf = RawPdf.treePdf((p, root, leaf) -> {
            p.set(root, "<< /Type /Pages /Kids [" + leaf + " 0 R] /Count 1 >>");
            p.set(leaf, "<< /Type /Page /Parent " + root + " 0 R /MediaBox [0 0 612 792] /Contents 3 0 R"
                    + " /Resources << /Font << /F1 << /Type /Font /Subtype /TrueType /BaseFont /NoSuchFont"
                    + " /FontDescriptor << /Type /FontDescriptor /FontName /NoSuchFont /Flags 32 /FontFile2 999 0 R >> >> >> >> >>");
        });
        Run r = Cli.runWithStdin(pdf, "-", "--lang", "eng");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr());
    }
}
