package dev.ocrcli.batch;

import dev.ocrcli.output.OutputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output names under --output-dir, and atomic writes. */
class OutputLayoutTest {
    @TempDir
    Path dir;

    private static BatchItem item(int i, String rel) {
        return new BatchItem(i, rel, Path.of(rel), Path.of(rel));
    }

    @Test
    void mirrorsTheTreeAndKeepsExtensionsOnlyWhenNamesClash() {
        List<BatchItem> items = List.of(item(0, "a/p1.png"), item(1, "a/p1.jpg"), item(2, "b/p1.png"), item(3, "c.tiff"));
        OutputLayout l = new OutputLayout(Path.of("out"), items);
        assertEquals(Path.of("out/a/p1.png.txt"), l.target(items.get(0), OutputFormat.TEXT));
        assertEquals(Path.of("out/a/p1.jpg.hocr"), l.target(items.get(1), OutputFormat.HOCR));
        assertEquals(Path.of("out/b/p1.json"), l.target(items.get(2), OutputFormat.JSON));
        assertEquals(Path.of("out/c.xml"), l.target(items.get(3), OutputFormat.ALTO));
        assertEquals(Path.of("out/c.pdf"), l.target(items.get(3), OutputFormat.PDF));
    }

    @Test
    void theSameInputTwiceGetsTwoFiles() {
        List<BatchItem> items = List.of(item(0, "x.png"), item(1, "x.png"));
        OutputLayout l = new OutputLayout(Path.of("o"), items);
        assertFalse(l.target(items.get(0), OutputFormat.TEXT).equals(l.target(items.get(1), OutputFormat.TEXT)));
    }

    @Test
    void atomicWriteLeavesTheFileWholeOrNothingAndNoTemporaryFiles() throws IOException {
        Path target = dir.resolve("deep/er/result.txt");
        AtomicFiles.write(target, out -> out.write("first".getBytes()));
        assertEquals("first", Files.readString(target));
        AtomicFiles.write(target, out -> out.write("second".getBytes()));
        assertEquals("second", Files.readString(target));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("second", Files.readString(target), "a failed write leaves the old file");
        Path fresh = dir.resolve("deep/never.txt");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(fresh, out -> {
            throw new IllegalStateException("boom");
        }));
        assertFalse(Files.exists(fresh));
        try (Stream<Path> s = Files.walk(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)), "no temporary files");
        }
    }
}
