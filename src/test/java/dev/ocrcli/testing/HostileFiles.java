package dev.ocrcli.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Files made the way issue 19's recipes say: valid headers around far less (or far more) than they claim. */
public final class HostileFiles {
    private HostileFiles() {}

    /**
     * A TIFF whose first page is followed by {@code extra} more IFDs, each a copy of the first
     * pointing at the same strips: a small file of {@code extra + 1} identical pages.
     */
    public static byte[] tiffWithSharedStrips(byte[] tiff, int extra) {
        ByteOrder order = tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer in = ByteBuffer.wrap(tiff).order(order);
        int first = in.getInt(4);
        int entries = in.getShort(first) & 0xffff;
        int ifdLength = 2 + 12 * entries + 4;
        byte[] ifd = Arrays.copyOfRange(tiff, first, first + ifdLength);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tiff);
        int pad = (4 - tiff.length % 4) % 4;
        out.writeBytes(new byte[pad]);
        int next = tiff.length + pad;
        // the first IFD now points at the first copy
        byte[] all = out.toByteArray();
        ByteBuffer.wrap(all).order(order).putInt(first + ifdLength - 4, next);
        out.reset();
        out.writeBytes(all);
        for (int i = 0; i < extra; i++) {
            byte[] copy = ifd.clone();
            int after = i + 1 < extra ? next + ifdLength : 0;
            ByteBuffer.wrap(copy).order(order).putInt(ifdLength - 4, after);
            out.writeBytes(copy);
            next += ifdLength;
        }
        return out.toByteArray();
    }

    /** A GIF (a real small one's data) whose screen and image descriptor declare {@code w x h}. */
    public static byte[] gifDeclaring(byte[] gif, int w, int h) {
        byte[] b = gif.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort(6, (short) w);
        buf.putShort(8, (short) h);
        int i = 13;
        if ((b[10] & 0x80) != 0) {
            i += 3 * (1 << ((b[10] & 7) + 1));
        }
        // skip extension blocks to the image descriptor
        while (b[i] == 0x21) {
            i += 2;
            while (b[i] != 0) {
                i += (b[i] & 0xff) + 1;
            }
            i++;
        }
        if (b[i] != 0x2c) {
            throw new IllegalArgumentException("no image descriptor at " + i);
        }
        buf.putShort(i + 5, (short) w);
        buf.putShort(i + 7, (short) h);
        return b;
    }
}
