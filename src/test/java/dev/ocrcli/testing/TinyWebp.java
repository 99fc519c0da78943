package dev.ocrcli.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

/**
 * Writes black-and-white lossless WebP (VP8L) files, for tests: no Java writer for WebP exists
 * on the class path. Each pixel is coded with three one-bit prefix codes (green, red, blue each
 * 0 or 255; alpha always 255), no transforms and no colour cache: big, but valid WebP that any
 * decoder reads.
 */
public final class TinyWebp {
    private TinyWebp() {}

    /** The image, each pixel black when darker than mid-grey, else white. */
    public static byte[] encode(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        Bits b = new Bits();
        b.put(0x2f, 8);
        b.put(w - 1, 14);
        b.put(h - 1, 14);
        b.put(0, 1);  // alpha not used
        b.put(0, 3);  // version
        b.put(0, 1);  // no transform
        b.put(0, 1);  // no colour cache
        b.put(0, 1);  // no meta prefix codes
        for (int code = 0; code < 3; code++) {  // green, red, blue: symbols 0 and 255
            b.put(1, 1);  // simple code
            b.put(1, 1);  // two symbols
            b.put(0, 1);  // first symbol in 1 bit
            b.put(0, 1);  // symbol 0
            b.put(255, 8);  // symbol 255
        }
        b.put(1, 1);  // alpha: one symbol, 255
        b.put(0, 1);
        b.put(1, 1);
        b.put(255, 8);
        b.put(1, 1);  // distance: one symbol, 0
        b.put(0, 1);
        b.put(0, 1);
        b.put(0, 1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                int lum = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                int bit = lum >= 128 ? 1 : 0;
                b.put(bit, 1);  // green
                b.put(bit, 1);  // red
                b.put(bit, 1);  // blue
            }
        }
        byte[] data = b.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int chunk = data.length + (data.length & 1);
        out.writeBytes("RIFF".getBytes());
        le32(out, 4 + 8 + chunk);
        out.writeBytes("WEBPVP8L".getBytes());
        le32(out, data.length);
        out.writeBytes(data);
        if ((data.length & 1) != 0) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void le32(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** Bits packed least significant first, as VP8L reads them. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void put(int value, int bits) {
            acc |= ((long) value & ((1L << bits) - 1)) << n;
            n += bits;
            while (n >= 8) {
                out.write((int) (acc & 0xff));
                acc >>>= 8;
                n -= 8;
            }
        }

        byte[] bytes() {
            if (n > 0) {
                out.write((int) (acc & 0xff));
                acc = 0;
                n = 0;
            }
            return out.toByteArray();
        }
    }
}
