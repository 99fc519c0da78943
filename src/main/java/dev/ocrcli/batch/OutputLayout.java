package dev.ocrcli.batch;

import dev.ocrcli.output.OutputFormat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the outputs of each input go under {@code --output-dir}: the input's relative path with
 * its extension replaced by the format's ({@code scans/a/p1.png} -> {@code OUT/a/p1.txt}). When two
 * inputs would get the same name ({@code p1.png} and {@code p1.jpg}) both keep their extension
 * ({@code p1.png.txt}, {@code p1.jpg.txt}).
 */
public final class OutputLayout {
    private final Path dir;
    private final Map<Integer, Path> stems = new HashMap<>();

    public OutputLayout(Path dir, List<BatchItem> items) {
        this.dir = dir;
        Map<Path, Integer> count = new HashMap<>();
        for (BatchItem i : items) {
            count.merge(stripExtension(i.relative()), 1, Integer::sum);
        }
        Set<Path> used = new HashSet<>();
        for (BatchItem i : items) {
            Path stem = stripExtension(i.relative());
            if (count.get(stem) > 1) {
                stem = i.relative();
            }
            if (!used.add(stem)) {
                stem = sibling(stem, stem.getFileName() + "~" + (i.index() + 1));
                used.add(stem);
            }
            stems.put(i.index(), stem);
        }
    }

    /** The output directory. */
    public Path dir() {
        return dir;
    }

    /** The file the result of {@code item} in {@code format} goes to. */
    public Path target(BatchItem item, OutputFormat format) {
        Path stem = stems.get(item.index());
        return dir.resolve(sibling(stem, stem.getFileName() + "." + format.extension()).toString());
    }

    private static Path stripExtension(Path rel) {
        String n = rel.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? sibling(rel, n.substring(0, dot)) : rel;
    }

    private static Path sibling(Path p, String name) {
        Path parent = p.getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }
}
