package dev.ocrcli.image;

/** What a JPEG's markers say, enough to decide whether its bytes can go into a PDF as they are. */
final class Jpegs {
    private Jpegs() {}

    /**
     * True for a baseline or progressive Huffman JPEG of three components without an Adobe
     * transform flag of 0 (plain YCbCr colour): a PDF viewer shows those bytes (DCTDecode) as the
     * decoder did. CMYK, YCCK, arithmetic coding and odd layouts are re-encoded instead.
     */
    static boolean embeddable(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            return false;
        }
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return false;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            if (len < 2 || i + 2 + len > b.length) {
                return false;
            }
            if (marker == 0xee && len >= 14 && b[i + 4] == 'A' && b[i + 5] == 'd' && b[i + 6] == 'o' && b[i + 7] == 'b'
                    && b[i + 8] == 'e' && (b[i + 15] & 0xff) == 0) {
                return false;  // Adobe: RGB or CMYK stored untransformed
            }
            if (marker == 0xc0 || marker == 0xc1 || marker == 0xc2) {
                return len >= 8 && (b[i + 9] & 0xff) == 3;
            }
            if ((marker >= 0xc3 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) || marker == 0xda) {
                return false;  // lossless, hierarchical, arithmetic, or scan data before a frame
            }
            i += 2 + len;
        }
        return false;
    }
}
