package dev.ocrcli.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code curl} example of the README's "HTTP API" section and of docs/server.md, run as
 * written (by bash, with the real curl) against a real server, the address being the only
 * change: each must succeed and read the sample it sends.
 */
class DocExamplesTest {
    static final String DOC_BASE = "http://127.0.0.1:8080";
    static OcrServer plain;
    static OcrServer keyed;
    static Path work;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        work = dir;
        Files.createSymbolicLink(dir.resolve("samples"), Path.of("samples").toAbsolutePath());
        Files.writeString(dir.resolve("keys.txt"), "docs-example-key-0123456789\n");
        plain = TestServers.start(TestServers.config("eng+rus").jobs(2).build());
        keyed = TestServers.start(TestServers.config("eng+rus").jobs(1).apiKeys(ApiKeys.readFile(dir.resolve("keys.txt"))).build());
    }

    @AfterAll
    static void stop() {
        if (plain != null) {
            plain.close();
        }
        if (keyed != null) {
            keyed.close();
        }
    }

    /** The curl lines of the sh code blocks of a Markdown text. */
    static List<String> curlLines(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode && line.startsWith("```sh");
                continue;
            }
            if (inCode && line.strip().startsWith("curl ")) {
                out.add(line.strip());
            }
        }
        return out;
    }

    static List<String> examples() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("## HTTP API\n");
        String http = readme.substring(from, readme.indexOf("\n## ", from + 1));
        List<String> all = new ArrayList<>(curlLines(http));
        all.addAll(curlLines(Files.readString(Path.of("docs/server.md"), StandardCharsets.UTF_8)));
        return all;
    }

    @Test
    void thereAreExamplesOfEveryKind() throws IOException {
        List<String> ex = examples();
        assertTrue(ex.size() >= 8, ex.toString());
        assertTrue(ex.stream().anyMatch(l -> l.contains("--data-binary") && !l.contains("Content-Type")), "an untyped raw body");
        assertTrue(ex.stream().anyMatch(l -> l.contains("lang=eng+rus")), "lang with + as users write it");
        assertTrue(ex.stream().anyMatch(l -> l.contains("format=pdf")), "the searchable PDF");
        assertTrue(ex.stream().anyMatch(l -> l.contains("-F file=")), "multipart");
    }

    @Test
    void everyCurlExampleWorksAsWritten() throws Exception {
        Pattern sample = Pattern.compile("samples/(\\w+)\\.png");
        Pattern outFile = Pattern.compile("-o (\\S+)");
        for (String example : examples()) {
            OcrServer server = example.contains("Authorization") ? keyed : plain;
            String command = example.replace(DOC_BASE, server.baseUrl());
            assertTrue(command.contains(server.baseUrl()), "example does not use " + DOC_BASE + ": " + example);
            Process p = new ProcessBuilder("bash", "-c", "set -o pipefail; " + command).directory(work.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), example);
            assertEquals(0, p.exitValue(), example + "\n" + out);
            Matcher o = outFile.matcher(command);
            if (o.find()) {
                byte[] file = Files.readAllBytes(work.resolve(o.group(1)));
                assertTrue(new String(file, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-"), example + ": not a PDF");
                continue;
            }
            assertFalse(out.isBlank(), example);
            assertFalse(out.contains("\"error\""), example + "\n" + out);
            Matcher s = sample.matcher(command);
            if (command.contains("| jq .confidence")) {
                double c = Double.parseDouble(out.strip());
                assertTrue(c > 50 && c <= 100, example + ": " + out);
            } else if (s.find()) {
                String firstLine = Files.readAllLines(Path.of("samples", s.group(1) + ".txt"), StandardCharsets.UTF_8).get(0);
                // every format holds the words (TSV one a row)
                for (String word : List.of(firstLine.split(" ")).subList(0, 3)) {
                    assertTrue(out.contains(word), example + ": '" + word + "' not in\n" + out);
                }
            }
        }
    }
}
