package dev.ocrcli.cli;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import dev.ocrcli.testing.TestImages;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every documented exit code that needs more than a bad option to reach, each provoked for real
 * (no test switch in the code): a broken installation, an unreadable file, an encrypted PDF, a
 * page too large at its resolution, a page past its deadline, an output path through a file, a
 * port in use. And the codes listed in the help and the README are exactly those
 * {@link ExitCodes} defines.
 */
class ExitCodesTest {
    static final List<String> TEXT = List.of("Invoice 2041 total due", "Payable within thirty days");

    @TempDir
    static Path tmp;
    static BufferedImage page;
    static Path png;

    @BeforeAll
    static void inputs() throws Exception {
        page = TestImages.render(TEXT);
        png = TestImages.write(tmp, "page.png", TestImages.encode(page, "png"));
    }

    static void assertOneLineError(Run r, int code, String... parts) {
        assertEquals(code, r.exitCode(), r.toString());
        List<String> lines = r.stderr().lines().toList();
        assertEquals(1, lines.size(), "one line on stderr: " + r.stderr());
        assertTrue(lines.get(0).startsWith("ocr-cli: error: "), r.stderr());
        for (String p : parts) {
            assertTrue(lines.get(0).contains(p), "stderr should mention '" + p + "': " + r.stderr());
        }
        assertFalse(r.stderr().contains("\tat "), "no stack trace: " + r.stderr());
    }

    /** A PDF of one page of {@code size} (points) with the test text drawn on it, optionally encrypted. */
    static Path pdf(String name, PDRectangle size, String userPassword) throws Exception {
        Path f = tmp.resolve(name);
        try (PDDocument doc = new PDDocument()) {
            PDPage p = new PDPage(size);
            doc.addPage(p);
            PDImageXObject img = LosslessFactory.createFromImage(doc, page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, p)) {
                float w = Math.min(size.getWidth() - 72, page.getWidth() * 72f / 150);
                float h = w * page.getHeight() / page.getWidth();
                cs.drawImage(img, 36, size.getHeight() - 36 - h, w, h);
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            doc.save(f.toFile());
        }
        return f;
    }

    @Test
    void aBrokenInstallationIsAnInternalError1WithItsCause() throws Exception {
        // the class path of a botched install: PDFBox missing. Reading a PDF then fails inside
        // ocr-cli, not because of the input: the one case code 1 exists for.
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("pdfbox"))
                .collect(Collectors.joining(File.pathSeparator));
        assertFalse(cp.equals(System.getProperty("java.class.path")), "PDFBox was on the class path");
        Path doc = pdf("plain.pdf", PDRectangle.LETTER, null);
        Run r = Cli.run(List.of(), cp, null, null, List.of(), doc.toString());
        assertOneLineError(r, ExitCodes.INTERNAL, "internal error: ", "org.apache.pdfbox", "please report it with the output of -vv");
        // -v is still one line per problem; -vv adds the stack trace
        Run v = Cli.run(List.of(), cp, null, null, List.of(), doc.toString(), "-v");
        assertEquals(ExitCodes.INTERNAL, v.exitCode(), v.toString());
        assertFalse(v.stderr().contains("\tat "), "-v shows no stack trace: " + v.stderr());
        assertTrue(v.stderr().contains("ocr-cli: error: internal error: "), v.stderr());
        Run vv = Cli.run(List.of(), cp, null, null, List.of(), doc.toString(), "-vv");
        assertEquals(ExitCodes.INTERNAL, vv.exitCode(), vv.toString());
        assertTrue(vv.stderr().contains("\tat dev.ocrcli."), "-vv shows the stack trace: " + vv.stderr());
    }

    @Test
    void aFileWithoutReadPermissionIs3() throws Exception {
        Path locked = Files.copy(png, tmp.resolve("locked.png"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        List<String> prefix = List.of();
        if (Files.isReadable(locked)) {
            // root reads anything: run ocr-cli as root without the two capabilities that bypass
            // file permissions, so that mode 000 stops it as it stops any other user
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")) || Shared.inCi(),
                    "running as root, where permissions do not stop reads, and setpriv(1) is not there to drop that power");
            prefix = List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--");
        }
        Run r = Cli.run(prefix, System.getProperty("java.class.path"), null, null, List.of(), locked.toString());
        assertOneLineError(r, ExitCodes.INPUT_NOT_FOUND, "locked.png", "permission denied");
        // the same command reads the file once it may: it was the permission, nothing else
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-r--r--"));
        Run ok = Cli.run(prefix, System.getProperty("java.class.path"), null, null, List.of(), locked.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertTrue(ok.stdout().contains("Invoice 2041"), ok.stdout());
    }

    @Test
    void anEncryptedPdfIs4UnlessItOpensWithoutAPassword() throws Exception {
        Path locked = pdf("locked.pdf", PDRectangle.LETTER, "user-secret");
        assertOneLineError(Cli.run(locked.toString()), ExitCodes.INPUT_UNREADABLE, "locked.pdf");
        // encrypted with an owner password only: every reader opens it, and so does ocr-cli
        Path ownerOnly = pdf("owner-only.pdf", PDRectangle.LETTER, "");
        Run r = Cli.run(ownerOnly.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().contains("Invoice 2041"), r.stdout());
    }

    @Test
    void aPdfPageOverThePixelLimitAtItsResolutionIs5() throws Exception {
        Path letter = pdf("letter.pdf", PDRectangle.LETTER, null);
        // US Letter at 300 dpi is 2550 x 3300 px = 8.4 MP: over a 5 MP limit; at 150 dpi (2.1 MP) under it
        assertOneLineError(Cli.run(letter.toString(), "--pdf-dpi", "300", "--max-pixels", "5000000"), ExitCodes.IMAGE_TOO_LARGE,
                "letter.pdf", "300 dpi", "--pdf-dpi");
        Run low = Cli.run(letter.toString(), "--pdf-dpi", "150", "--max-pixels", "5000000");
        assertEquals(0, low.exitCode(), low.toString());
        assertTrue(low.stdout().contains("Invoice 2041"), low.stdout());
        // a 120 x 120 inch poster is 36000 px a side at 300 dpi, past Tesseract's 32767, whatever --max-pixels
        Path poster = pdf("poster.pdf", new PDRectangle(120 * 72, 120 * 72), null);
        assertOneLineError(Cli.run(poster.toString()), ExitCodes.IMAGE_TOO_LARGE, "poster.pdf", "36000");
    }

    @Test
    void aPagePastItsTimeoutIs9() throws Exception {
        assertOneLineError(Cli.run(png.toString(), "--timeout", "0.001"), ExitCodes.ENGINE_FAILED, "page.png", "did not finish within");
        Run enough = Cli.run(png.toString(), "--timeout", "60");
        assertEquals(0, enough.exitCode(), enough.toString());
        assertTrue(enough.stdout().contains("Invoice 2041"), enough.stdout());
    }

    @Test
    void anOutputThatCannotBeWrittenIs10() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a folder\n");
        assertOneLineError(Cli.run(png.toString(), "-o", file.resolve("out").toString()), ExitCodes.OUTPUT_FAILED,
                "page.png", "cannot write");
        assertEquals("not a folder\n", Files.readString(file), "nothing else touched");
    }

    @Test
    void servingOnAPortInUseIs11() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            Run r = Cli.run("serve", "--port", Integer.toString(port), "--jobs", "1");
            assertOneLineError(r, ExitCodes.SERVICE_UNAVAILABLE, "cannot listen on 127.0.0.1:" + port, "in use");
        }
    }

    /** The codes {@link ExitCodes} defines, read from its constants. */
    static Set<Integer> definedCodes() throws IllegalAccessException {
        Set<Integer> codes = new TreeSet<>();
        for (Field f : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                codes.add(f.getInt(null));
            }
        }
        return codes;
    }

    @Test
    void helpAndReadmeListExactlyTheDefinedCodes() throws Exception {
        Set<Integer> defined = definedCodes();
        assertTrue(defined.contains(ExitCodes.OK) && defined.contains(ExitCodes.INTERRUPTED), "constants read: " + defined);
        Run help = Cli.run("--help");
        assertEquals(0, help.exitCode(), help.toString());
        String section = help.stdout().substring(help.stdout().indexOf("Exit codes:"));
        section = section.substring(0, section.indexOf("\n\n"));
        Set<Integer> listed = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  (\\d+) +\\S").matcher(section);
        while (m.find()) {
            listed.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(defined, listed, section);
        String readme = Files.readString(Shared.repo().resolve("README.md"));
        String table = readme.substring(readme.indexOf("| code | meaning |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Set<Integer> documented = new TreeSet<>();
        Matcher t = Pattern.compile("(?m)^\\| (\\d+) \\|").matcher(table);
        while (t.find()) {
            documented.add(Integer.parseInt(t.group(1)));
        }
        assertEquals(defined, documented, table);
    }
}
