package dev.ocrcli.cli;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Pty;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user at a terminal sees: the progress bar, Ctrl-C, a PDF that would land on the screen,
 * and {@code ocr-cli -} waiting for an image. Each runs the real command on a pseudo-terminal
 * ({@link Pty}, util-linux's {@code script}).
 */
class TerminalTest {
    /** One frame of the progress bar: {@code [#####...] 3/9  1.2 pages/s  ETA 0:05}. */
    private static final Pattern FRAME = Pattern.compile("\\[[#.]{24}\\] (\\d+)/(\\d+)  (\\S+) pages/s  ETA (\\S+)");

    @TempDir
    static Path dir;
    static Path batch;
    static Path one;

    @BeforeAll
    static void inputs() throws Exception {
        Pty.requireScript();
        batch = Files.createDirectories(dir.resolve("batch"));
        for (int i = 0; i < 10; i++) {
            List<String> lines = new ArrayList<>();
            for (int l = 0; l < 6; l++) {
                lines.add("Page " + i + " line " + l + " of the progress test");
            }
            TestImages.write(batch, String.format("p%02d.png", i), TestImages.encode(TestImages.render(lines), "png"));
        }
        TestImages.write(batch, "p04b.png", "not an image at all\n".getBytes());
        one = TestImages.write(dir, "one.png", TestImages.encode(TestImages.render(List.of("A single searchable page")), "png"));
    }

    private static List<String> ocr(String... args) {
        return Cli.command(List.of(), args);
    }

    @Test
    void progressBarShowsAtOnceComesBackAfterEachMessageAndMovesBetweenFinishes() throws Exception {
        Path out = dir.resolve("progress.txt");
        int exit;
        String tty;
        try (Pty p = Pty.start(ocr(batch.toString(), "-j", "1", "--lang", "eng"), " > " + out, dir, null)) {
            exit = p.exitCode(Duration.ofSeconds(240));
            tty = p.output();
        }
        String shown = Pty.printable(tty);
        assertEquals(ExitCodes.INPUT_UNREADABLE, exit, shown);
        // at once: the very first thing on the terminal is the bar at 0/11, before any input finished
        Matcher first = FRAME.matcher(tty);
        assertTrue(first.find(), shown);
        assertEquals("0", first.group(1), shown);
        assertEquals("11", first.group(2), shown);
        assertEquals("", tty.substring(0, first.start()).replaceAll("[\r\033\\[K]", ""), "nothing before the first frame: " + shown);
        // the error line scrolls above the bar, which is drawn again right below it
        Matcher error = Pattern.compile("\r\033\\[Kocr-cli: error: [^\r\n]*p04b\\.png[^\r\n]*\r?\n\r\\[[#.]{24}\\] ").matcher(tty);
        assertTrue(error.find(), "bar erased for the error line and redrawn below it: " + shown);
        // between two finishes the timer redraws: frames of one count show the time left counting down
        Map<String, Set<String>> shownByCount = new HashMap<>();
        Matcher f = FRAME.matcher(tty);
        List<Integer> counts = new ArrayList<>();
        while (f.find()) {
            counts.add(Integer.parseInt(f.group(1)));
            if (!f.group(4).equals("--:--")) {
                shownByCount.computeIfAbsent(f.group(1), k -> new HashSet<>()).add(f.group(3) + " " + f.group(4));
            }
        }
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i) >= counts.get(i - 1), "done never goes back: " + counts);
        }
        assertEquals(11, counts.get(counts.size() - 1), shown);
        assertTrue(shownByCount.values().stream().anyMatch(s -> s.size() >= 2),
                "rate or time left move while no input finishes: " + shownByCount);
        // the bar is taken away before the summary, and stdout (a file here) got no escape codes
        assertTrue(tty.contains("\r\033[Kocr-cli: 10 ok, 1 failed, 0 skipped, 11 inputs"), shown);
        String text = Files.readString(out);
        assertFalse(text.contains("\033") || text.contains("pages/s"), text);
        assertTrue(text.contains("Page 9 line 5"), text);
    }

    @Test
    void resultsOnTheSameTerminalNeverShareALineWithTheBar() throws Exception {
        Path four = Files.createDirectories(dir.resolve("four"));
        for (int i = 0; i < 4; i++) {
            Files.copy(batch.resolve(String.format("p%02d.png", i)), four.resolve(String.format("p%02d.png", i)));
        }
        String tty;
        try (Pty p = Pty.start(ocr(four.toString(), "-j", "1", "--lang", "eng"), "", dir, null)) {
            assertEquals(0, p.exitCode(Duration.ofSeconds(180)), Pty.printable(p.output()));
            tty = p.output();
        }
        int results = 0;
        for (int at = tty.indexOf("of the progress test"); at >= 0; at = tty.indexOf("of the progress test", at + 1)) {
            results++;
            String line = tty.substring(tty.lastIndexOf('\n', at) + 1, at);
            int bar = line.lastIndexOf("pages/s");
            assertTrue(bar < 0 || line.indexOf("\r\033[K", bar) > 0,
                    "the bar is erased before a result is printed on its line: " + Pty.printable(line));
        }
        assertEquals(24, results, "six lines of four pages: " + Pty.printable(tty));
        assertTrue(FRAME.matcher(tty.substring(tty.lastIndexOf("of the progress test"))).find(), "the bar comes back below the results");
    }

    @Test
    void ctrlCPrintsTheSummarySoFarKeepsFinishedFilesAndExits130() throws Exception {
        Path outDir = dir.resolve("interrupted");
        int exit;
        String tty;
        try (Pty p = Pty.start(ocr(batch.toString(), "-j", "1", "--lang", "eng", "-o", outDir.toString(), "-f", "txt"), "", dir, null)) {
            p.await(Pattern.compile("\\] [2-9]/11 "), Duration.ofSeconds(180));
            p.type("\u0003");
            exit = p.exitCode(Duration.ofSeconds(60));
            tty = p.output();
        }
        String shown = Pty.printable(tty);
        assertEquals(ExitCodes.INTERRUPTED, exit, shown);
        Matcher m = Pattern.compile("ocr-cli: interrupted: (\\d+) ok, (\\d+) failed, 0 skipped, (\\d+) not done, 11 inputs \\(\\d+ pages\\) in ")
                .matcher(tty);
        assertTrue(m.find(), shown);
        int ok = Integer.parseInt(m.group(1));
        int failed = Integer.parseInt(m.group(2));
        assertTrue(ok >= 2 && ok + failed + Integer.parseInt(m.group(3)) == 11, shown);
        assertFalse(tty.contains("ocr-cli: " + ok + " ok,"), "no normal summary after the interrupted one: " + shown);
        List<String> files;
        try (Stream<Path> s = Files.list(outDir)) {
            files = s.map(x -> x.getFileName().toString()).sorted().toList();
        }
        assertTrue(files.stream().noneMatch(n -> n.startsWith(".")), "no temporary files left: " + files);
        assertTrue(files.size() >= ok, "each input reported ok has its file: " + files);
        for (String n : files) {
            assertTrue(Files.readString(outDir.resolve(n)).contains("of the progress test"), "complete: " + n);
        }
    }

    @Test
    void aPdfIsNotDumpedOnTheTerminalButGoesToARedirect() throws Exception {
        String tty;
        try (Pty p = Pty.start(ocr(one.toString(), "-f", "pdf"), "", dir, null)) {
            assertEquals(ExitCodes.USAGE, p.exitCode(Duration.ofSeconds(60)), Pty.printable(p.output()));
            tty = p.output();
        }
        assertTrue(tty.contains("ocr-cli: error: will not write a binary PDF to the terminal") && tty.contains("-o DIR"), tty);
        assertFalse(tty.contains("%PDF"), tty);
        Path pdf = dir.resolve("redirected.pdf");
        try (Pty p = Pty.start(ocr(one.toString(), "-f", "pdf"), " > " + pdf, dir, null)) {
            assertEquals(0, p.exitCode(Duration.ofSeconds(60)), Pty.printable(p.output()));
        }
        byte[] head = Files.readAllBytes(pdf);
        assertEquals("%PDF-", new String(head, 0, 5), "a PDF in the file");
    }

    @Test
    void readingStandardInputFromATerminalSaysSo() throws Exception {
        String tty;
        try (Pty p = Pty.start(ocr("-"), "", dir, null)) {
            p.await(Pattern.compile("ocr-cli: reading an image from standard input"), Duration.ofSeconds(60));
            p.type("\u0004");  // Ctrl-D: end of input, nothing typed
            assertEquals(ExitCodes.INPUT_UNREADABLE, p.exitCode(Duration.ofSeconds(60)), Pty.printable(p.output()));
            tty = p.output();
        }
        assertTrue(tty.contains("ocr-cli: error: -: empty"), Pty.printable(tty));
        // from a pipe there is nothing to say
        Cli.Run piped = Cli.runWithStdin(Files.readAllBytes(one), "-");
        assertEquals(0, piped.exitCode(), piped.toString());
        assertEquals("", piped.stderr());
        assertTrue(piped.stdout().contains("single searchable page"), piped.stdout());
    }
}
