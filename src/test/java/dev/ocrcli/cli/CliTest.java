package dev.ocrcli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Shared;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as users run it: a child JVM, real engine, stdout and stderr kept apart. */
class CliTest {
    static final List<String> TEXT = List.of("Total due: 1,284.50 EUR", "Итого к оплате: 1284 рубля");

    @TempDir
    static Path tmp;
    static Path good;
    static BufferedImage goodImage;

    @BeforeAll
    static void images() throws Exception {
        goodImage = TestImages.render(TEXT);
        good = TestImages.write(tmp, "good.png", TestImages.encode(goodImage, "png"));
    }

    static String norm(String s) {
        return s.strip().replaceAll("\n+", "\n");
    }

    static void assertOneLineError(Run r, int code, String... parts) {
        assertEquals(code, r.exitCode(), r.toString());
        String[] lines = r.stderr().strip().split("\n");
        assertEquals(1, lines.length, "exactly one line on stderr: " + r.stderr());
        assertTrue(lines[0].startsWith("ocr-cli: error: "), r.stderr());
        for (String p : parts) {
            assertTrue(lines[0].contains(p), "stderr should mention '" + p + "': " + r.stderr());
        }
        assertFalse(r.stderr().contains("Exception"), "no stack trace: " + r.stderr());
    }

    @Test
    void mainJobPrintsTheSampleOnStdoutAndNothingElse() throws Exception {
        Path repo = Shared.repo();
        Run r = Cli.run(repo.resolve("samples/multilingual.png").toString(), "--lang", "eng+rus");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.stderr());
        List<String> expected = Files.readAllLines(repo.resolve("samples/multilingual.txt"), StandardCharsets.UTF_8);
        List<String> got = Arrays.asList(norm(r.stdout()).split("\n"));
        // exactly the three lines, rare letters (Ŀ Ҕ Ǣ) included; the non-breaking hyphen may come back as '-'
        List<String> want = expected.stream().map(l -> l.replace('\u2011', '-')).toList();
        assertEquals(want, got.stream().map(l -> l.replace('\u2011', '-')).toList(), r.stdout());
    }

    @Test
    void langAutoReadsTheSampleAsEngRusAndRefusesToBeCombined() throws Exception {
        Path repo = Shared.repo();
        Run r = Cli.run(repo.resolve("samples/multilingual.png").toString(), "--lang", "auto");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> want = Files.readAllLines(repo.resolve("samples/multilingual.txt"), StandardCharsets.UTF_8).stream()
                .map(l -> l.replace('\u2011', '-')).toList();
        assertEquals(want, Arrays.stream(norm(r.stdout()).split("\n")).map(l -> l.replace('\u2011', '-')).toList(), r.stdout());
        Run bad = Cli.run(repo.resolve("samples/multilingual.png").toString(), "--lang", "auto+eng");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().startsWith("ocr-cli: error:") && bad.stderr().contains("cannot be combined"), bad.stderr());
        assertEquals("", bad.stdout());
    }

    @Test
    void englishAndRussianSamplesReadExactly() throws Exception {
        Path repo = Shared.repo();
        for (String name : List.of("english", "russian")) {
            Run r = Cli.run(repo.resolve("samples/" + name + ".png").toString(), "-l", "eng+rus");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals(norm(Files.readString(repo.resolve("samples/" + name + ".txt"))), norm(r.stdout()));
        }
    }

    @Test
    void outputIsUtf8WhateverThePlatformDefault() {
        // the child runs with file.encoding=ASCII and LC_ALL=C
        Run r = Cli.run(good.toString(), "--lang", "eng,rus");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", TEXT), norm(r.stdout()));
    }

    @Test
    void jsonHasTextConfidenceLinesWordsBoxesSizeLanguagesAndTiming() throws Exception {
        Run r = Cli.run(good.toString(), "--lang", "eng+rus", "--format", "json");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, r.stdout().strip().split("\n").length, "one JSON document per line");
        JsonNode d = new ObjectMapper().readTree(r.stdout());
        assertEquals(good.toString(), d.get("source").asText());
        assertEquals("[\"eng\",\"rus\"]", d.get("languages").toString());
        assertEquals(String.join("\n", TEXT), norm(d.get("text").asText()));
        JsonNode page = d.get("pages").get(0);
        assertEquals(1, page.get("page").asInt());
        assertEquals(goodImage.getWidth(), page.get("width").asInt());
        assertEquals(goodImage.getHeight(), page.get("height").asInt());
        assertEquals(2, page.get("lines").size());
        List<JsonNode> words = jsonWords(d);
        for (JsonNode line : page.get("lines")) {
            assertTrue(line.get("text").asText().length() > 0);
        }
        assertEquals(List.of(String.join(" ", TEXT).split(" ")), words.stream().map(w -> w.get("text").asText()).toList());
        // the document's and the page's confidence are the mean of the word confidences (each rounded to 0.01 in JSON)
        double mean = words.stream().mapToDouble(w -> w.get("confidence").asDouble()).average().orElseThrow();
        double conf = d.get("confidence").asDouble();
        assertTrue(conf > 50, "confidence " + conf);
        assertEquals(mean, conf, 0.01, "document confidence");
        assertEquals(mean, page.get("confidence").asDouble(), 0.01, "page confidence");
        // each box is where the same word lies when the image is read without preprocessing
        Run plain = Cli.run(good.toString(), "--lang", "eng+rus", "--format", "json", "--preprocess", "none");
        assertEquals(0, plain.exitCode(), plain.toString());
        List<JsonNode> plainWords = jsonWords(new ObjectMapper().readTree(plain.stdout()));
        assertEquals(words.size(), plainWords.size(), plain.stdout());
        for (int i = 0; i < words.size(); i++) {
            assertEquals(plainWords.get(i).get("text").asText(), words.get(i).get("text").asText());
            assertSameBox(plainWords.get(i).get("box"), words.get(i).get("box"), 2);
        }
        assertTrue(d.get("timing_ms").get("total").asLong() >= d.get("timing_ms").get("recognize").asLong());
    }

    /** The words of a JSON document, page by page, line by line. */
    static List<JsonNode> jsonWords(JsonNode doc) {
        List<JsonNode> words = new java.util.ArrayList<>();
        for (JsonNode page : doc.get("pages")) {
            for (JsonNode line : page.get("lines")) {
                line.get("words").forEach(words::add);
            }
        }
        return words;
    }

    /** Two JSON boxes are the same within {@code tolerance} pixels on every side. */
    static void assertSameBox(JsonNode want, JsonNode got, int tolerance) {
        for (String side : List.of("x0", "y0", "x1", "y1")) {
            assertTrue(Math.abs(want.get(side).asInt() - got.get(side).asInt()) <= tolerance, got + " is not " + want);
        }
    }

    @Test
    void confidenceGoesToStderr() {
        Run r = Cli.run(good.toString(), "-l", "eng+rus", "--confidence");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stderr().strip().matches("Average confidence: \\d{1,3}\\.\\d%"), r.stderr());
        assertEquals(String.join("\n", TEXT), norm(r.stdout()));
    }

    @Test
    void readsStandardInput() throws Exception {
        Run r = Cli.runWithStdin(Files.readAllBytes(good), "-", "-l", "eng+rus");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(String.join("\n", TEXT), norm(r.stdout()));
    }

    @Test
    void multiPageTiffPagesAreSeparatedByFormFeeds() throws Exception {
        Path tif = TestImages.write(tmp, "pages.tif", TestImages.multiPageTiff(
                List.of(TestImages.render(List.of("First page")), TestImages.render(List.of("Second page")))));
        Run r = Cli.run(tif.toString());
        assertEquals(0, r.exitCode(), r.toString());
        String[] pages = r.stdout().split("\f");
        assertEquals(2, pages.length, r.stdout());
        assertEquals("First page", pages[0].strip());
        assertEquals("Second page", pages[1].strip());
        JsonNode d = new ObjectMapper().readTree(Cli.run(tif.toString(), "-f", "json").stdout());
        assertEquals(2, d.get("pages").size());
    }

    @Test
    void badInputsGetOneLineErrorsAndDocumentedExitCodes() throws Exception {
        byte[] png = Files.readAllBytes(good);
        Path truncated = TestImages.write(tmp, "truncated.png", Arrays.copyOf(png, png.length / 3));
        Path empty = TestImages.write(tmp, "empty.png", new byte[0]);
        Path text = TestImages.write(tmp, "notes.txt", "not an image\n".getBytes());
        Path pdf = TestImages.write(tmp, "doc.pdf", "%PDF-1.4\n1 0 obj\n".getBytes());
        Path wide = TestImages.write(tmp, "wide.png", TestImages.pngHeaderOnly(40000, 20));
        Path bomb = TestImages.write(tmp, "bomb.png", TestImages.pngHeaderOnly(100000, 100000));
        byte[] jpeg = TestImages.encode(goodImage, "jpeg");
        Path badJpeg = TestImages.write(tmp, "bad.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));

        assertOneLineError(Cli.run(tmp.resolve("missing.png").toString()), ExitCodes.INPUT_NOT_FOUND, "missing.png: no such file");
        Path emptyDir = Files.createDirectories(tmp.resolve("no-images-here"));
        assertOneLineError(Cli.run(emptyDir.toString()), ExitCodes.INPUT_NOT_FOUND, "no images or PDFs found");
        assertOneLineError(Cli.run(empty.toString()), ExitCodes.INPUT_UNREADABLE, "empty.png: empty file");
        assertOneLineError(Cli.run(truncated.toString()), ExitCodes.INPUT_UNREADABLE, "truncated.png: truncated or corrupt");
        assertOneLineError(Cli.run(badJpeg.toString()), ExitCodes.INPUT_UNREADABLE, "bad.jpg: truncated or corrupt");
        assertOneLineError(Cli.run(text.toString()), ExitCodes.INPUT_UNREADABLE, "notes.txt: not an image");
        assertOneLineError(Cli.run(pdf.toString()), ExitCodes.INPUT_UNREADABLE, "doc.pdf: unreadable PDF (");
        // over 32767 px it would be read in tiles, but this header has no pixels behind it
        assertOneLineError(Cli.run(wide.toString()), ExitCodes.INPUT_UNREADABLE, "wide.png: truncated or corrupt");
        assertOneLineError(Cli.run(bomb.toString()), ExitCodes.IMAGE_TOO_LARGE, "100000x100000");
        assertOneLineError(Cli.runWithStdin(new byte[0], "-"), ExitCodes.INPUT_UNREADABLE, "-: empty");
        assertOneLineError(Cli.run(good.toString(), "--max-pixels", "1000"), ExitCodes.IMAGE_TOO_LARGE, "limit");
    }

    @Test
    void goodInputsStillPrintWhenOthersFail() {
        Run r = Cli.run(good.toString(), tmp.resolve("gone.png").toString(), good.toString(), "-l", "eng+rus");
        assertEquals(ExitCodes.INPUT_NOT_FOUND, r.exitCode(), r.toString());
        String[] parts = r.stdout().split("\f");
        assertEquals(2, parts.length, r.stdout());
        for (String p : parts) {
            assertEquals(String.join("\n", TEXT), norm(p));
        }
        assertTrue(r.stderr().contains("gone.png: no such file"), r.stderr());
    }

    @Test
    void doubleVerboseShowsTheStackTraceAndVerboseOneLine() {
        Run r = Cli.run(tmp.resolve("missing.png").toString(), "-vv");
        assertEquals(ExitCodes.INPUT_NOT_FOUND, r.exitCode());
        assertTrue(r.stderr().contains("at dev.ocrcli."), r.stderr());
        Run v = Cli.run(tmp.resolve("missing.png").toString(), "-v");
        assertEquals(ExitCodes.INPUT_NOT_FOUND, v.exitCode());
        assertTrue(!v.stderr().contains("\tat "), v.stderr());
    }

    @Test
    void missingLanguageNamesItWhereWeLookedAndHowToGetIt() {
        Run r = Cli.run(good.toString(), "--lang", "eng+xyz");
        assertOneLineError(r, ExitCodes.LANGUAGE_MISSING, "'xyz'", "/usr/share", "apt-get install tesseract-ocr-xyz", "ocr-cli langs install xyz");
        assertEquals("", r.stdout());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, Cli.run(good.toString(), "--psm", "99").exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run(good.toString(), "--format", "yaml").exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run(good.toString(), "--rect", "1,2,3").exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run(good.toString(), "--no-such-option").exitCode());
        assertEquals(ExitCodes.USAGE, Cli.run().exitCode());
        assertOneLineError(Cli.run(good.toString(), "--oem", "0"), ExitCodes.USAGE, "legacy");
        assertOneLineError(Cli.run(good.toString(), "-c", "surely_not_a_variable=1"), ExitCodes.USAGE, "surely_not_a_variable");
        assertOneLineError(Cli.run(good.toString(), "--lang", "../etc/passwd"), ExitCodes.USAGE, "invalid language");
    }

    @Test
    void tesseractOptionsReachTheEngine() throws Exception {
        Path line = TestImages.write(tmp, "digits.png", TestImages.encode(TestImages.render(List.of("Room 42 costs 17 dollars")), "png"));
        Run r = Cli.run(line.toString(), "--psm", "7", "-c", "tessedit_char_whitelist=0123456789", "--dpi", "300");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().strip().matches("[0-9 ]+") && r.stdout().contains("42"), r.stdout());
    }

    @Test
    void languagesAreListedWithTheirSource() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("own-tessdata"));
        Path rus = Path.of("/usr/share/tesseract-ocr/5/tessdata/rus.traineddata");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(rus), "Debian's tesseract-ocr-rus is installed by scripts/setup.sh");
        Files.createSymbolicLink(dir.resolve("mine.traineddata"), rus);
        Run r = Cli.run("--list-langs", "--tessdata", dir.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("mine ") && l.contains("--tessdata")), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("eng ")), r.stdout());
        assertTrue(r.stdout().lines().anyMatch(l -> l.startsWith("osd ")), r.stdout());
        // the language from --tessdata is usable, together with one from elsewhere
        Run ocr = Cli.run(good.toString(), "--tessdata", dir.toString(), "--lang", "eng+mine");
        assertEquals(String.join("\n", TEXT), norm(ocr.stdout()), ocr.toString());
        Run env = Cli.run(null, Map.of("TESSDATA_PREFIX", dir.toString()), List.of(), "langs", "list");
        assertTrue(env.stdout().lines().anyMatch(l -> l.startsWith("mine ") && l.contains("TESSDATA_PREFIX")), env.stdout());
    }

    @Test
    void unsupportedPlatformIsAClearError() {
        Run r = Cli.run(null, null, List.of("-Dos.name=FreeBSD", "-Dos.arch=sparcv9"), good.toString());
        assertOneLineError(r, ExitCodes.NATIVE_UNAVAILABLE, "unsupported platform freebsd-sparcv9");
    }

    @Test
    void versionAndHelp() {
        Run v = Cli.run("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.stdout().contains("ocr-cli ") && v.stdout().contains("Tesseract 5.5"), v.stdout());
        Run h = Cli.run("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.stdout().contains("--lang") && h.stdout().contains("Exit codes"), h.stdout());
    }
    @Test
    void versionNeedsNoNativeLibrary() {
        // a platform the bundled natives cannot load on: --version still answers, from the jar alone
        Run v = Cli.run(null, null, List.of("-Dos.name=FreeBSD", "-Dos.arch=sparcv9"), "--version");
        assertEquals(0, v.exitCode(), v.toString());
        assertTrue(v.stdout().contains("Tesseract 5.5") && !v.stdout().contains("unavailable"), v.stdout());
    }

    @Test
    void fastRunsOnlyTheCheapStepsAndStillReads() throws Exception {
        Run r = Cli.run(good.toString(), "--lang", "eng+rus", "--fast", "-f", "json");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode page = new ObjectMapper().readTree(r.stdout()).path("pages").path(0);
        List<String> steps = new java.util.ArrayList<>();
        page.path("preprocessing").forEach(s -> steps.add(s.path("step").asText()));
        assertEquals(dev.ocrcli.pipeline.Steps.FAST, steps);
        assertEquals(String.join("\n", TEXT), norm(new ObjectMapper().readTree(r.stdout()).path("text").asText()));
        Run h = Cli.run("--help");
        assertTrue(h.stdout().replaceAll("\\s+", " ").contains("--preprocess fast: " + String.join(", ", dev.ocrcli.pipeline.Steps.FAST)),
                "the help names the fast profile's steps: " + h.stdout());
        Run both = Cli.run(good.toString(), "--fast", "--preprocess", "none");
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.toString());
        assertTrue(both.stderr().startsWith("ocr-cli: error: --fast and --preprocess exclude each other"), both.stderr());
    }
}
