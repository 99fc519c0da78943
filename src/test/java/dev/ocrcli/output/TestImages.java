package dev.ocrcli.output;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test images rendered with Java2D in DejaVu Sans: black text on white. */
public final class TestImages {
    private TestImages() {}

    /** Lines of text, {@code size} px, with a margin (the shared renderer of the test suite). */
    public static BufferedImage render(int size, String... lines) {
        return dev.ocrcli.testing.TestImages.render(java.util.List.of(lines), size);
    }

    /** Writes a PNG of the lines, creating folders. */
    public static Path png(Path file, int size, String... lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(render(size, lines), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Normalises text for comparisons: upper case, letters and digits only, single spaces. */
    public static String norm(String s) {
        return s.toUpperCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
