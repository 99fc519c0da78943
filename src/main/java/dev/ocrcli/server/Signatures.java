package dev.ocrcli.server;

import dev.ocrcli.image.Inputs;

/**
 * What a request body is, from its first bytes (magic numbers), whatever Content-Type was
 * declared: {@code curl --data-binary} says {@code application/x-www-form-urlencoded}, many
 * clients say {@code application/octet-stream} or nothing at all. Only bodies that are none of
 * these formats are refused (415); whether one of them is readable is the decoders' business.
 */
final class Signatures {
    /** The formats recognised, by name. */
    enum Format { PNG, JPEG, TIFF, BMP, GIF, WEBP, JPEG2000, PDF }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] TIFF_LE = {'I', 'I', 42, 0};
    private static final byte[] TIFF_BE = {'M', 'M', 0, 42};
    private static final byte[] BIGTIFF_LE = {'I', 'I', 43, 0};
    private static final byte[] BIGTIFF_BE = {'M', 'M', 0, 43};
    private static final byte[] GIF87 = {'G', 'I', 'F', '8', '7', 'a'};
    private static final byte[] GIF89 = {'G', 'I', 'F', '8', '9', 'a'};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP = {'W', 'E', 'B', 'P'};
    /** The JP2 file signature box. */
    private static final byte[] JP2 = {0, 0, 0, 12, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n'};
    /** A raw JPEG 2000 codestream: SOC then SIZ markers. */
    private static final byte[] J2K = {(byte) 0xff, 0x4f, (byte) 0xff, 0x51};

    private Signatures() {
    }

    /** The format the bytes start like, or null when none. */
    static Format sniff(byte[] b) {
        if (Inputs.isPdf(b)) {
            return Format.PDF;
        }
        if (startsWith(b, 0, PNG)) {
            return Format.PNG;
        }
        if (startsWith(b, 0, JPEG)) {
            return Format.JPEG;
        }
        if (startsWith(b, 0, TIFF_LE) || startsWith(b, 0, TIFF_BE) || startsWith(b, 0, BIGTIFF_LE) || startsWith(b, 0, BIGTIFF_BE)) {
            return Format.TIFF;
        }
        if (startsWith(b, 0, GIF87) || startsWith(b, 0, GIF89)) {
            return Format.GIF;
        }
        if (startsWith(b, 0, RIFF) && startsWith(b, 8, WEBP)) {
            return Format.WEBP;
        }
        if (startsWith(b, 0, JP2) || startsWith(b, 0, J2K)) {
            return Format.JPEG2000;
        }
        if (isBmp(b)) {
            return Format.BMP;
        }
        return null;
    }

    /** "BM" alone is two letters of text: also ask for one of the known DIB header sizes. */
    private static boolean isBmp(byte[] b) {
        if (b.length < 18 || b[0] != 'B' || b[1] != 'M') {
            return false;
        }
        int dib = (b[14] & 0xff) | (b[15] & 0xff) << 8 | (b[16] & 0xff) << 16 | (b[17] & 0xff) << 24;
        return dib == 12 || dib == 16 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 || dib == 124;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] magic) {
        if (b.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
