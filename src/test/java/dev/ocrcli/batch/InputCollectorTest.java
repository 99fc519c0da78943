package dev.ocrcli.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expanding folders, globs and list files into the ordered inputs of a batch (no engine needed). */
class InputCollectorTest {
    @TempDir
    Path dir;

    private void touch(String... rels) throws IOException {
        for (String r : rels) {
            Path p = dir.resolve(r);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1});
        }
    }

    private static List<String> rels(List<BatchItem> items) {
        return items.stream().map(i -> i.relative().toString().replace('\\', '/')).toList();
    }

    @Test
    void foldersGiveTheirImagesSortedAndRecurseOnlyWhenAsked() throws IOException {
        touch("b.png", "a.jpg", "notes.txt", ".hidden.png", "sub/c.tif", "sub/d.pdf", ".git/e.png");
        assertEquals(List.of("a.jpg", "b.png"), rels(new InputCollector(false, List.of(), List.of()).collect(List.of(dir.toString()))));
        assertEquals(List.of("a.jpg", "b.png", "sub/c.tif", "sub/d.pdf"),
                rels(new InputCollector(true, List.of(), List.of()).collect(List.of(dir.toString()))));
    }

    @Test
    void globsFilterByRelativePathOrName() throws IOException {
        touch("a.png", "b.jpg", "sub/c.png", "sub/skip-me.png", "x.txt");
        InputCollector c = new InputCollector(true, List.of("*.png", "*.txt"), List.of("skip-*"));
        assertEquals(List.of("a.png", "sub/c.png", "x.txt"), rels(c.collect(List.of(dir.toString()))));
        InputCollector sub = new InputCollector(true, List.of("sub/**"), List.of());
        assertEquals(List.of("sub/c.png", "sub/skip-me.png"), rels(sub.collect(List.of(dir.toString()))));
    }

    @Test
    void looseFilesAreKeptInOrderRelativeToTheirCommonParentAndNeverFiltered() throws IOException {
        touch("x/one.png", "y/two.png");
        List<BatchItem> items = new InputCollector(false, List.of("*.jpg"), List.of()).collect(List.of(
                dir.resolve("y/two.png").toString(), "-", dir.resolve("x/one.png").toString(), dir.resolve("missing.png").toString()));
        assertEquals(List.of("y/two.png", "stdin", "x/one.png", "missing.png"), rels(items));
        assertTrue(items.get(1).isStdin());
        for (int i = 0; i < items.size(); i++) {
            assertEquals(i, items.get(i).index());
        }
        assertFalse(items.get(3).isStdin());
    }

    @Test
    void listsOfAnyLengthOnePathPerLine() throws IOException {
        StringBuilder sb = new StringBuilder("\uFEFF");
        for (int i = 0; i < 20_000; i++) {
            sb.append("scans/page ").append(i).append(".png").append(i % 2 == 0 ? "\r\n" : "\n");
            if (i % 1000 == 0) {
                sb.append("\n   \n");
            }
        }
        List<String> lines = InputCollector.readList(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals(20_000, lines.size());
        assertEquals("scans/page 0.png", lines.get(0));
        assertEquals("scans/page 19999.png", lines.get(19_999));
    }
}
