package dev.ocrcli.output;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test images rendered with Java2D in DejaVu Sans: black text on white. */
public final class TestImages {
    private TestImages() {}

    /** Lines of text, {@code size} pt, with a margin; width fits the longest line. */
    public static BufferedImage render(int size, String... lines) {
        Font font = new Font("DejaVu Sans", Font.PLAIN, size);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(font);
        int w = 0;
        for (String l : lines) {
            w = Math.max(w, pg.getFontMetrics().stringWidth(l));
        }
        pg.dispose();
        int lineH = (int) (size * 1.8);
        BufferedImage img = new BufferedImage(w + 2 * size, lineH * lines.length + 2 * size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], size, size + lineH * i + size);
        }
        g.dispose();
        return img;
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
