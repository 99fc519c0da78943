package dev.ocrcli.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import dev.ocrcli.testing.Python;
import dev.ocrcli.testing.Shared;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ocr-cli eval} on a folder made here: rendered pages whose ground truth differs from the
 * rendered text by a known number of characters or words, so the scores are known in advance.
 */
class EvalCommandTest {
    @TempDir
    static Path dir;
    static Path gtDir;

    // "one" is read exactly; "two"'s truth has 1 of 17 characters and 1 of 3 words changed
    static final String ONE = "The quick brown fox";
    static final String TWO_RENDERED = "Hello world again";
    static final String TWO_TRUTH = "Hallo world again";

    @BeforeAll
    static void folder() throws Exception {
        TestImages.write(dir, "one__clean.png", TestImages.encode(TestImages.render(List.of(ONE)), "png"));
        Files.writeString(dir.resolve("one__clean.gt.txt"), ONE + "\n", StandardCharsets.UTF_8);
        TestImages.write(dir, "two__clean.png", TestImages.encode(TestImages.render(List.of(TWO_RENDERED)), "png"));
        Files.writeString(dir.resolve("two__clean.gt.txt"), TWO_TRUTH + "\n", StandardCharsets.UTF_8);
        // hOCR truth in a separate folder: 4 of its 5 words are on the page, the page has 4 words
        TestImages.write(dir, "three__hocr.png", TestImages.encode(TestImages.render(List.of("alpha beta gamma delta")), "png"));
        gtDir = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-gt"));
        Files.writeString(gtDir.resolve("three__hocr.truth.hocr"), "<html><body><div class='ocr_page'>"
                + "<span class='ocr_line'><span class='ocrx_word' title='bbox 0 0 1 1'>alpha</span> "
                + "<span class='ocrx_word'><em>beta</em></span> <span class='ocrx_word'>gamma</span> "
                + "<span class='ocrx_word'>delta</span> <span class='ocrx_word'>epsilon</span></span></div></body></html>",
                StandardCharsets.UTF_8);
        // an image that does not load: scored as empty output (CER 1), the run goes on
        Files.write(dir.resolve("broken__bad.png"), new byte[] {1, 2, 3, 4});
        Files.writeString(dir.resolve("broken__bad.gt.txt"), "lost text", StandardCharsets.UTF_8);
        // an image without ground truth is ignored
        TestImages.write(dir, "extra.png", TestImages.encode(TestImages.render(List.of("ignored")), "png"));
    }

    static double value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        throw new AssertionError(key + " not in " + line);
    }

    static String line(Run r, String prefix) {
        return r.stdout().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + r));
    }

    @Test
    void tableWithKnownScoresMeansAndGroups() {
        Run r = Cli.run("eval", dir.toString(), "--gt", gtDir.toString(), "--lang", "eng", "--jobs", "2");
        assertEquals(0, r.exitCode(), r.toString());
        List<String> rows = r.stdout().lines().toList();
        assertTrue(rows.get(0).startsWith("FILE"), r.stdout());
        assertTrue(rows.get(0).contains("CER") && rows.get(0).contains("WORD_ACC"), rows.get(0));
        // file order, whatever order the jobs finished in
        assertEquals(List.of("broken__bad", "one__clean", "three__hocr", "two__clean"),
                rows.subList(1, 5).stream().map(l -> l.split(" +")[0]).toList(), r.stdout());
        assertFalse(r.stdout().contains("extra"), r.stdout());
        assertEquals(List.of("broken__bad", "1.0000", "1.0000", "-", "-", "FAILED"), List.of(rows.get(1).split(" +")));
        assertEquals(List.of("one__clean", "0.0000", "0.0000", "-", "-"), List.of(rows.get(2).split(" +")));
        assertEquals(List.of("three__hocr", "-", "-", "0.8000", "1.0000"), List.of(rows.get(3).split(" +")));
        assertEquals(List.of("two__clean", fmt(1.0 / 17), fmt(1.0 / 3), "-", "-"), List.of(rows.get(4).split(" +")));
        String cer = line(r, "MEAN cer=");
        assertEquals((1.0 + 0 + 1.0 / 17) / 3, value(cer, "cer"), 1e-4);
        assertEquals((1.0 + 0 + 1.0 / 3) / 3, value(cer, "wer"), 1e-4);
        assertTrue(cer.endsWith("n=3"), cer);
        String words = line(r, "MEAN accuracy=");
        assertEquals(0.8, value(words, "accuracy"), 1e-9);
        assertEquals(1.0, value(words, "precision"), 1e-9);
        assertEquals(1.0 / 34, value(line(r, "GROUP clean "), "cer"), 1e-4);
        assertTrue(line(r, "FAILED ").startsWith("FAILED 1 of 4"), r.stdout());
        // the failure is one line on stderr, nothing else is
        List<String> err = r.stderr().lines().toList();
        assertEquals(1, err.size(), r.stderr());
        assertTrue(err.get(0).startsWith("ocr-cli: error: broken__bad: "), r.stderr());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    @Test
    void jsonHasFilesMeansAndGroups() throws Exception {
        Run r = Cli.run("eval", dir.toString(), "--gt", gtDir.toString(), "--json", "--exclude", "broken*", "--jobs", "1");
        assertEquals(0, r.exitCode(), r.toString());
        JsonNode j = new ObjectMapper().readTree(r.stdout());
        assertEquals(3, j.get("files").size());
        JsonNode two = j.get("files").get(2);
        assertEquals("two__clean", two.get("name").asText());
        assertEquals("clean", two.get("group").asText());
        assertEquals(1, two.get("charErrors").asInt());
        assertEquals(17, two.get("gtChars").asInt());
        assertEquals(1.0 / 17, two.get("cer").asDouble(), 1e-12);
        assertTrue(two.get("error").isNull());
        assertEquals(0.8, j.get("files").get(1).get("wordAccuracy").asDouble(), 1e-12);
        JsonNode mean = j.get("mean");
        assertEquals(2, mean.get("textFiles").asInt());
        assertEquals(1.0 / 34, mean.get("cer").asDouble(), 1e-12);
        assertEquals(0, mean.get("failed").asInt());
        assertEquals(1.0, mean.get("precision").asDouble(), 1e-12);
        assertEquals(1.0 / 34, j.get("groups").get("clean").get("cer").asDouble(), 1e-12);
        assertTrue(j.get("groups").get("hocr").get("cer").isNull());
    }

    @Test
    void includeGroupByAndSavedTextsRescoredByTheTools() throws Exception {
        Path save = dir.resolveSibling(dir.getFileName() + "-save");
        Run r = Cli.run("eval", dir.toString(), "--gt", gtDir.toString(), "--include", "t*", "--group-by", "^(t)",
                "--save-dir", save.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(2, r.stdout().lines().filter(l -> l.startsWith("t")).count(), r.stdout());
        assertTrue(line(r, "GROUP t ").endsWith("n=2"), r.stdout());
        assertTrue(Files.exists(save.resolve("two__clean.txt")));
        assertTrue(Files.exists(save.resolve("two__clean.gt.txt")));
        assertTrue(Files.exists(save.resolve("three__hocr.truth.hocr")));
        Path tools = Shared.require("tools/cer.py").getParent();
        Python.require();
        String cer = Python.run(null, tools.resolve("cer.py").toString(), "--dir", save.toString(), "--hyp-ext", "txt");
        assertEquals(line(r, "MEAN cer="), cer.lines().filter(l -> l.startsWith("MEAN")).findFirst().orElseThrow());
        String acc = Python.run(null, tools.resolve("wordacc.py").toString(), gtDir.toString(), save.toString(), "txt");
        assertEquals(line(r, "MEAN accuracy="), acc.lines().filter(l -> l.startsWith("MEAN")).findFirst().orElseThrow());
    }

    @Test
    void folderWithoutGroundTruthIsAOneLineError() throws Exception {
        Path empty = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-empty"));
        TestImages.write(empty, "lonely.png", TestImages.encode(TestImages.render(List.of("x")), "png"));
        CliTest.assertOneLineError(Cli.run("eval", empty.toString()), ExitCodes.INPUT_NOT_FOUND, "no ground truth");
        CliTest.assertOneLineError(Cli.run("eval", dir.resolve("missing").toString()), ExitCodes.INPUT_NOT_FOUND, "no such directory");
        CliTest.assertOneLineError(Cli.run("eval", dir.toString(), "--exclude", "*"), ExitCodes.INPUT_NOT_FOUND, "--include/--exclude");
        Run bad = Cli.run("eval", dir.toString(), "--group-by", "(");
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.toString());
    }
}
