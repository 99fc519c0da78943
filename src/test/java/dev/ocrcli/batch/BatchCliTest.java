package dev.ocrcli.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.output.PdfWriter;
import dev.ocrcli.output.TestImages;
import dev.ocrcli.result.PageResult;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batch command line end to end, in a subprocess, with the real engine. */
class BatchCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] WORDS = {"ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT", "GOLF", "HOTEL"};

    @TempDir
    Path dir;

    record Run(int exit, String out, String err, byte[] bytes) {
        List<JsonNode> jsonLines() throws IOException {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isEmpty()) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        }
    }

    private Run cli(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "dev.ocrcli.cli.Main"));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        String e = Files.readString(err);
        Files.delete(err);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), e, out);
    }

    @Test
    void resultsComeOutInInputOrderUnderFourJobs() throws Exception {
        Path in = dir.resolve("in");
        for (int i = 0; i < WORDS.length; i++) {
            // alternate big and small images so that later inputs often finish first
            String[] lines = i % 2 == 0 ? new String[] {WORDS[i], "filler text line one", "filler text line two", "filler text line three",
                    "filler text line four", "filler text line five"} : new String[] {WORDS[i]};
            TestImages.png(in.resolve(String.format("%02d.png", i)), i % 2 == 0 ? 40 : 28, lines);
        }
        Run r = cli(null, "in", "--jobs", "4", "-f", "jsonl", "--lang", "eng");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> lines = r.jsonLines();
        assertEquals(WORDS.length, lines.size(), r.out());
        for (int i = 0; i < WORDS.length; i++) {
            assertTrue(lines.get(i).get("source").asText().endsWith(String.format("%02d.png", i)), lines.get(i).get("source").asText());
            assertTrue(TestImages.norm(lines.get(i).get("text").asText()).contains(WORDS[i]), lines.get(i).get("text").asText());
        }
        assertTrue(r.err().contains("8 ok, 0 failed, 0 skipped"), r.err());
    }

    @Test
    void aCorruptFileInTheMiddleFailsAloneAndSetsTheExitCode() throws Exception {
        Path in = dir.resolve("in");
        TestImages.png(in.resolve("a.png"), 32, WORDS[0]);
        Files.write(in.resolve("b.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3});
        TestImages.png(in.resolve("c.png"), 32, WORDS[2]);
        Run r = cli(null, "in", "--jobs", "2", "-f", "jsonl", "--lang", "eng");
        assertEquals(4, r.exit(), "input unreadable: " + r.err());
        List<JsonNode> lines = r.jsonLines();
        assertEquals(2, lines.size());
        assertTrue(TestImages.norm(lines.get(0).get("text").asText()).contains(WORDS[0]));
        assertTrue(TestImages.norm(lines.get(1).get("text").asText()).contains(WORDS[2]));
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("ocr-cli: error: ") && l.contains("b.png")), r.err());
        assertTrue(r.err().contains("2 ok, 1 failed, 0 skipped"), r.err());
        // a missing file among good ones: code 3
        Run missing = cli(null, "in/a.png", "in/nope.png", "--lang", "eng");
        assertEquals(3, missing.exit(), missing.err());
        assertTrue(TestImages.norm(missing.out()).contains(WORDS[0]));
    }

    @Test
    void outputDirMirrorsTheTreeInEveryFormatAtomicallyAndResumes() throws Exception {
        Path in = dir.resolve("in");
        TestImages.png(in.resolve("top.png"), 32, WORDS[3]);
        TestImages.png(in.resolve("sub/deep.png"), 32, WORDS[4]);
        Run r = cli(null, "-r", "in", "-o", "out", "-f", "txt,json,hocr,alto,tsv,pdf,jsonl", "--lang", "eng");
        assertEquals(0, r.exit(), r.err());
        assertEquals(2, r.jsonLines().size(), "jsonl on stdout");
        Path out = dir.resolve("out");
        for (String stem : List.of("top", "sub/deep")) {
            String word = stem.equals("top") ? WORDS[3] : WORDS[4];
            assertTrue(TestImages.norm(Files.readString(out.resolve(stem + ".txt"))).contains(word));
            assertTrue(TestImages.norm(JSON.readTree(out.resolve(stem + ".json").toFile()).get("text").asText()).contains(word));
            for (String xml : List.of(".hocr", ".xml")) {
                DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
                dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                String content = dbf.newDocumentBuilder().parse(out.resolve(stem + xml).toFile()).getDocumentElement().getTextContent()
                        + Files.readString(out.resolve(stem + xml));
                assertTrue(TestImages.norm(content).contains(word), stem + xml);
            }
            assertTrue(Files.readString(out.resolve(stem + ".tsv")).contains("\t" + word), stem + ".tsv");
            try (PDDocument pdf = Loader.loadPDF(out.resolve(stem + ".pdf").toFile())) {
                assertTrue(TestImages.norm(new PDFTextStripper().getText(pdf)).contains(word), "pdf text layer of " + stem);
            }
        }
        try (Stream<Path> s = Files.walk(out)) {
            List<String> names = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertEquals(List.of("sub/deep.hocr", "sub/deep.json", "sub/deep.pdf", "sub/deep.tsv", "sub/deep.txt", "sub/deep.xml",
                    "top.hocr", "top.json", "top.pdf", "top.tsv", "top.txt", "top.xml"), names, "all outputs, no temporary files");
        }

        // resume: one output missing, the other input complete
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(out.resolve("top.txt"), old);
        Files.delete(out.resolve("sub/deep.hocr"));
        Run again = cli(null, "-r", "in", "-o", "out", "-f", "txt,json,hocr,alto,tsv,pdf", "--skip-existing", "--lang", "eng");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("1 ok, 0 failed, 1 skipped"), again.err());
        assertEquals(old, Files.getLastModifiedTime(out.resolve("top.txt")), "finished input left alone");
        assertTrue(Files.isRegularFile(out.resolve("sub/deep.hocr")), "unfinished input redone");
    }

    @Test
    void filesFromAFileWithSpacesAndFromStdin() throws Exception {
        TestImages.png(dir.resolve("my scans/pic one.png"), 32, WORDS[5]);
        TestImages.png(dir.resolve("two.png"), 32, WORDS[6]);
        Files.writeString(dir.resolve("list.txt"), "two.png\n\nmy scans/pic one.png\n");
        Run r = cli(null, "--files-from", "list.txt", "-f", "jsonl", "--lang", "eng");
        assertEquals(0, r.exit(), r.err());
        List<JsonNode> lines = r.jsonLines();
        assertEquals(List.of("two.png", "my scans/pic one.png"), lines.stream().map(n -> n.get("source").asText()).toList());
        assertTrue(TestImages.norm(lines.get(1).get("text").asText()).contains(WORDS[5]));
        Run s = cli("my scans/pic one.png\ntwo.png\n", "--files-from", "-", "-f", "jsonl", "--lang", "eng");
        assertEquals(0, s.exit(), s.err());
        assertEquals(List.of("my scans/pic one.png", "two.png"), s.jsonLines().stream().map(n -> n.get("source").asText()).toList());
    }

    @Test
    void thousandsOfPathsFromAnAtFileOrFilesFrom() throws Exception {
        TestImages.png(dir.resolve("real.png"), 32, WORDS[1]);
        StringBuilder sb = new StringBuilder();
        int missing = 3000;
        for (int i = 0; i < missing; i++) {
            sb.append("gone/missing-").append(i).append(".png\n");
        }
        sb.append("real.png\n");
        Files.writeString(dir.resolve("many.txt"), sb.toString());
        for (String[] how : List.of(new String[] {"@many.txt"}, new String[] {"--files-from", "many.txt"})) {
            List<String> args = new ArrayList<>(List.of(how));
            args.addAll(List.of("-f", "jsonl", "--lang", "eng", "--jobs", "2"));
            Run r = cli(null, args.toArray(new String[0]));
            assertEquals(3, r.exit(), "first failure: not found");
            List<JsonNode> lines = r.jsonLines();
            assertEquals(1, lines.size());
            assertEquals("real.png", lines.get(0).get("source").asText());
            assertTrue(r.err().contains("1 ok, " + missing + " failed, 0 skipped"), how[0] + ": " + r.err().lines().reduce((a, b) -> b).orElse(""));
            assertEquals(missing, r.err().lines().filter(l -> l.startsWith("ocr-cli: error: gone/missing-")).count());
        }
    }

    @Test
    void pdfPagesAreRenderedAndRecognisedAndTextPagesCanBeSkipped() throws Exception {
        // an image-only PDF of two pages and a searchable one of one page, made with our own writer
        Path scan = dir.resolve("scan.pdf");
        try (PdfWriter.PageSink sink = PdfWriter.open(); OutputStream o = Files.newOutputStream(scan)) {
            for (int i = 0; i < 2; i++) {
                GrayImage g = GrayImage.from(TestImages.render(40, WORDS[i] + " page"));
                sink.add(new PageResult(i + 1, g.width(), g.height(), 300, dev.ocrcli.result.PageTree.EMPTY, List.of()), g);
            }
            sink.save(o);
        }
        Run r = cli(null, "scan.pdf", "-f", "json", "--lang", "eng", "--pdf-dpi", "300");
        assertEquals(0, r.exit(), r.err());
        JsonNode n = r.jsonLines().get(0);
        assertEquals(2, n.get("pages").size());
        for (int i = 0; i < 2; i++) {
            assertTrue(TestImages.norm(n.get("pages").get(i).get("text").asText()).contains(WORDS[i]), n.get("pages").get(i).toString());
            assertEquals(300, n.get("pages").get(i).get("dpi").asInt());
        }
        // OCR it to a searchable PDF, then feed that back: --skip-text keeps the layer, the default re-recognises
        Run toPdf = cli(null, "scan.pdf", "-o", "searchable", "-f", "pdf", "--lang", "eng");
        assertEquals(0, toPdf.exit(), toPdf.err());
        Run skip = cli(null, "searchable/scan.pdf", "-f", "json", "--lang", "eng", "--skip-text");
        assertEquals(0, skip.exit(), skip.err());
        JsonNode sp = skip.jsonLines().get(0).get("pages");
        assertEquals(2, sp.size());
        assertTrue(TestImages.norm(sp.get(1).get("text").asText()).contains(WORDS[1]), sp.toString());
        assertEquals(0, sp.get(1).get("lines").size(), "not recognised again");
        Run force = cli(null, "searchable/scan.pdf", "-f", "json", "--lang", "eng", "--force-ocr");
        JsonNode fp = force.jsonLines().get(0).get("pages");
        assertFalse(fp.get(1).get("lines").isEmpty(), "recognised again");
    }

    @Test
    void oneInputStillGoesToStdoutAndPdfCanToo() throws Exception {
        TestImages.png(dir.resolve("one.png"), 32, WORDS[7]);
        Run text = cli(null, "one.png", "--lang", "eng");
        assertEquals(0, text.exit(), text.err());
        assertTrue(TestImages.norm(text.out()).contains(WORDS[7]));
        assertFalse(text.err().contains("ok,"), "no summary for one input: " + text.err());
        Run pdf = cli(null, "one.png", "-f", "pdf", "--lang", "eng");
        assertEquals(0, pdf.exit(), pdf.err());
        try (PDDocument d = Loader.loadPDF(pdf.bytes())) {
            assertTrue(TestImages.norm(new PDFTextStripper().getText(d)).contains(WORDS[7]));
        }
        Run missingLang = cli(null, "one.png", "one.png", "--lang", "xqz");
        assertEquals(6, missingLang.exit(), missingLang.err());
        assertEquals(1, missingLang.err().lines().filter(l -> l.startsWith("ocr-cli: error:")).count(), missingLang.err());
    }
}
