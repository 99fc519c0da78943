package dev.ocrcli.fuzz;

import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.Cli.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19 item 6: deterministic mutants of a seed file per format (PNG, JPEG, TIFF, BMP, GIF,
 * WebP, PDF, JPEG 2000), all read by one batch of the real command line; every file keeps the
 * error contract: read (its output file written), or one line {@code ocr-cli: error: FILE: ...}
 * and no output file; no stack trace; an exit code of the input families only.
 */
class MutationTest {
    static final long SEED = 19;

    @TempDir
    Path tmp;

    @Test
    void everyMutantIsReadOrRefusedInOneLine() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> seed : Seeds.all().entrySet()) {
            String name = seed.getKey();
            String stem = name.substring(0, name.lastIndexOf('.'));
            String ext = name.substring(name.lastIndexOf('.'));
            Files.write(in.resolve(name), seed.getValue());
            files.add(in.resolve(name));
            for (Map.Entry<String, byte[]> m : Mutations.of(name, seed.getValue(), SEED).entrySet()) {
                Path p = in.resolve(stem + "-" + m.getKey() + ext);
                Files.write(p, m.getValue());
                files.add(p);
            }
        }
        assertTrue(files.size() > 150, "mutants: " + files.size());
        Path out = tmp.resolve("out");
        Run r = Cli.run(null, null, List.of("-Xmx1g"), in.toString(), "-o", out.toString(), "-f", "txt", "--lang", "eng", "-j", "2",
                "--preprocess", "none", "--pdf-dpi", "100");
        assertTrue(Set.of(0, 4, 5).contains(r.exitCode()), "exit code of the input families only: " + r.exitCode() + "\n" + r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace:\n" + r.stderr());
        assertFalse(r.stderr().contains("internal error"), r.stderr());
        List<String> lines = r.stderr().lines().toList();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.startsWith("ocr-cli: ") && summary.contains(files.size() + " inputs"), summary);
        for (String l : lines) {
            // Leptonica's own 'Error in ...:' lines included: silenced below -vv
            boolean ours = l.startsWith("ocr-cli: error: " + in) || l.equals(summary);
            assertTrue(ours, "only one line per refused file and the summary on stderr, not: " + l);
        }
        int failed = 0;
        for (Path f : files) {
            String prefix = "ocr-cli: error: " + f + ": ";
            List<String> mine = lines.stream().filter(l -> l.startsWith(prefix)).toList();
            String stem = f.getFileName().toString();
            Path txt = out.resolve(stem.substring(0, stem.lastIndexOf('.')) + ".txt");
            boolean collision = files.stream().filter(o -> o.getFileName().toString().startsWith(stem.substring(0, stem.lastIndexOf('.')) + "."))
                    .count() > 1;
            Path target = collision ? out.resolve(stem + ".txt") : txt;
            assertTrue(mine.size() <= 1, "at most one line for " + f + ": " + mine);
            if (mine.isEmpty()) {
                assertTrue(Files.isRegularFile(target), "read, so written: " + target);
            } else {
                failed++;
                assertFalse(Files.exists(target), "refused, so no output: " + target);
                String reason = mine.get(0).substring(prefix.length());
                assertFalse(reason.isBlank(), mine.get(0));
                assertFalse(reason.contains("no such file") || reason.contains("recognition"), "an input's error: " + mine.get(0));
            }
        }
        assertTrue(summary.contains(failed + " failed"), summary + " vs " + failed + " refused");
        assertTrue(failed > 20, "the mutants include broken files: " + failed);
        try (var walk = Files.walk(out)) {
            Set<String> leftovers = walk.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")).collect(Collectors.toSet());
            assertEquals(Set.of(), leftovers, "no partial output files");
        }
        // the unmodified seeds are all read
        for (String seed : Seeds.all().keySet()) {
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("ocr-cli: error: " + in.resolve(seed) + ":")), seed + " must read: " + r.stderr());
        }
    }
}
