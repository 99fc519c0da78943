package dev.ocrcli.server;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/** Images made in the test: rendered text, and broken or hostile files. */
final class TestImages {
    private TestImages() {}

    /** Black text on white, one line per entry, in DejaVu Sans. */
    static BufferedImage render(List<String> lines, int fontSize) {
        Font font = new Font("DejaVu Sans", Font.PLAIN, fontSize);
        if (!"DejaVu Sans".equals(font.getFamily())) {
            throw new IllegalStateException("font DejaVu Sans is not installed (apt-get install fonts-dejavu-core)");
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(font);
        int width = 0;
        for (String l : lines) {
            width = Math.max(width, pg.getFontMetrics().stringWidth(l));
        }
        int lineHeight = (int) Math.round(fontSize * 1.6);
        pg.dispose();
        int margin = fontSize;
        BufferedImage img = new BufferedImage(width + 2 * margin, lines.size() * lineHeight + 2 * margin, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        int y = margin + fontSize;
        for (String l : lines) {
            g.drawString(l, margin, y);
            y += lineHeight;
        }
        g.dispose();
        return img;
    }

    static byte[] png(List<String> lines) {
        return encode(render(lines, 32), "png");
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
     * A tiny, valid-looking PNG whose header claims {@code width x height} pixels: signature,
     * an IHDR chunk with the right CRC, a small IDAT, IEND.
     */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
