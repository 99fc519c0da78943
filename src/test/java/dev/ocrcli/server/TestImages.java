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

    /**
     * A multi-page TIFF as the fuzzing campaign made them: one uncompressed 8-bit grey strip of
     * {@code page}, and {@code pages} image directories that all point at it, so a file of a few
     * hundred kilobytes holds hundreds of pages of text.
     */
    static byte[] tiffSharingOneStrip(BufferedImage page, int pages) {
        int w = page.getWidth();
        int h = page.getHeight();
        int entries = 9;
        int ifdSize = 2 + entries * 12 + 4;
        int stripOffset = 8;
        int firstIfd = stripOffset + w * h + ((w * h) & 1);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(firstIfd + pages * ifdSize).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(firstIfd);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = page.getRGB(x, y);
                b.put((byte) (((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000));
            }
        }
        b.position(firstIfd);
        for (int i = 0; i < pages; i++) {
            int at = firstIfd + i * ifdSize;
            b.putShort((short) entries);
            entry(b, 256, 4, w);          // ImageWidth
            entry(b, 257, 4, h);          // ImageLength
            entry(b, 258, 3, 8);          // BitsPerSample
            entry(b, 259, 3, 1);          // Compression: none
            entry(b, 262, 3, 1);          // PhotometricInterpretation: black is zero
            entry(b, 273, 4, stripOffset); // StripOffsets: the same strip for every page
            entry(b, 277, 3, 1);          // SamplesPerPixel
            entry(b, 278, 4, h);          // RowsPerStrip
            entry(b, 279, 4, w * h);      // StripByteCounts
            b.putInt(i + 1 < pages ? at + ifdSize : 0);
        }
        return b.array();
    }

    private static void entry(java.nio.ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** A tiny, valid-looking PNG whose header claims {@code width x height} pixels. */
    static byte[] pngClaiming(int width, int height) {
        return dev.ocrcli.testing.TestImages.pngHeaderOnly(width, height);
    }
}
