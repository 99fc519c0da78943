package dev.ocrcli.batch;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what the user named (files, folders, {@code -}, list files) into the ordered list of
 * inputs of a batch. Folders contribute their supported files (images and PDFs), sorted by path,
 * descending into subfolders only when recursive; {@code --include}/{@code --exclude} globs filter
 * the files found in folders (a glob matches the path relative to the folder or the file name alone).
 * Files named directly are always taken, so a missing one is reported as an error of that input.
 */
public final class InputCollector {
    /** Extensions picked up from folders when no {@code --include} is given. */
    public static final Set<String> SUPPORTED = Set.of("png", "jpg", "jpeg", "jpe", "jfif", "tif", "tiff", "bmp", "gif", "webp", "jp2", "j2k", "j2c", "jpx", "pdf", "pbm", "pgm", "ppm", "pnm");

    private final boolean recursive;
    private final List<PathMatcher> includes = new ArrayList<>();
    private final List<PathMatcher> excludes = new ArrayList<>();

    public InputCollector(boolean recursive, List<String> includeGlobs, List<String> excludeGlobs) {
        this.recursive = recursive;
        for (String g : includeGlobs) {
            includes.add(glob(g));
        }
        for (String g : excludeGlobs) {
            excludes.add(glob(g));
        }
    }

    private static PathMatcher glob(String g) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + g);
        } catch (IllegalArgumentException e) {
            throw new OcrException(Kind.BAD_ARGUMENT, "invalid glob '" + g + "': " + e.getMessage());
        }
    }

    /**
     * Reads a list of inputs, one per line (UTF-8; blank lines ignored, no quoting: a line is a path).
     * Works for any number of lines.
     */
    public static List<String> readList(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = r.readLine()) != null) {
            if (first && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            first = false;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (!line.isBlank()) {
                out.add(line);
            }
        }
        return out;
    }

    /** The batch, in order: each argument expanded in place. */
    public List<BatchItem> collect(List<String> specs) {
        record Found(String label, Path path, Path root) {}
        List<Found> found = new ArrayList<>();
        List<Path> loose = new ArrayList<>();
        for (String spec : specs) {
            if ("-".equals(spec)) {
                found.add(new Found("-", null, null));
                continue;
            }
            Path p;
            try {
                p = Path.of(spec);
            } catch (InvalidPathException e) {
                throw new OcrException(Kind.INPUT_NOT_FOUND, spec + ": invalid path");
            }
            if (Files.isDirectory(p)) {
                for (Path f : walk(p)) {
                    found.add(new Found(f.toString(), f, p));
                }
            } else {
                found.add(new Found(spec, p, null));
                loose.add(p);
            }
        }
        Path common = commonParent(loose);
        List<BatchItem> items = new ArrayList<>(found.size());
        for (Found f : found) {
            Path rel;
            if (f.path() == null) {
                rel = Path.of("stdin");
            } else if (f.root() != null) {
                rel = f.root().relativize(f.path());
            } else {
                Path abs = f.path().toAbsolutePath().normalize();
                rel = common != null && abs.startsWith(common) && !abs.equals(common) ? common.relativize(abs) : abs.getFileName();
            }
            items.add(new BatchItem(items.size(), f.label(), f.path(), rel == null ? Path.of("input") : rel));
        }
        return items;
    }

    private List<Path> walk(Path dir) {
        try (Stream<Path> s = recursive ? Files.walk(dir, FileVisitOption.FOLLOW_LINKS) : Files.list(dir)) {
            return s.filter(f -> !f.equals(dir))
                    .filter(f -> !hidden(dir.relativize(f)))
                    .filter(Files::isRegularFile)
                    .filter(f -> accepts(dir.relativize(f)))
                    .sorted(Comparator.comparing(f -> dir.relativize(f).toString()))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, dir + ": cannot list folder: " + e.getMessage());
        }
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a file found in a folder, at {@code rel} below it, is taken. */
    boolean accepts(Path rel) {
        Path name = rel.getFileName();
        if (includes.isEmpty()) {
            String n = name.toString();
            int dot = n.lastIndexOf('.');
            if (dot < 0 || !SUPPORTED.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                return false;
            }
        } else if (includes.stream().noneMatch(m -> m.matches(rel) || m.matches(name))) {
            return false;
        }
        return excludes.stream().noneMatch(m -> m.matches(rel) || m.matches(name));
    }

    /** The deepest folder holding all the files, null when there are none. */
    static Path commonParent(List<Path> files) {
        Path common = null;
        for (Path f : files) {
            Path parent = f.toAbsolutePath().normalize().getParent();
            if (parent == null) {
                continue;
            }
            if (common == null) {
                common = parent;
            } else {
                while (common != null && !parent.startsWith(common)) {
                    common = common.getParent();
                }
            }
        }
        return common;
    }
}
