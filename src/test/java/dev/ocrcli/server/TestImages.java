package dev.ocrcli.server;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Request bodies for the server tests, on top of the shared {@link dev.ocrcli.testing.TestImages}. */
final class TestImages {
    private TestImages() {}

    /** Black text on white, one line per entry, in DejaVu Sans. */
    static BufferedImage render(List<String> lines, int fontSize) {
        return dev.ocrcli.testing.TestImages.render(lines, fontSize);
    }

    static byte[] png(List<String> lines) {
        return encode(render(lines, 32), "png");
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            return dev.ocrcli.testing.TestImages.encode(img, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first part of an image file, cut off mid-data. */
    static byte[] truncated(byte[] file, double fraction) {
        return Arrays.copyOf(file, (int) (file.length * fraction));
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        // make sure it does not start like any image format by chance
        b[0] = 'x';
        return b;
    }

    /** A tiny, valid-looking PNG whose header claims {@code width x height} pixels. */
    static byte[] pngClaiming(int width, int height) {
        return dev.ocrcli.testing.TestImages.pngHeaderOnly(width, height);
    }
}
