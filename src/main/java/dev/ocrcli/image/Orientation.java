package dev.ocrcli.image;

/** Turns and mirrors grey images: EXIF orientation and quarter turns. */
public final class Orientation {
    private Orientation() {}

    /**
     * Applies an EXIF orientation tag so the result is upright: 1 as stored, 2 mirrored,
     * 3 turned 180, 4 flipped, 5 transposed, 6 needs 90 clockwise, 7 transversed, 8 needs 90
     * counter-clockwise.
     */
    public static GrayImage apply(GrayImage img, int exif) {
        return switch (exif) {
            case 2 -> map(img, false, true, false);
            case 3 -> map(img, false, true, true);
            case 4 -> map(img, false, false, true);
            case 5 -> map(img, true, false, false);
            case 6 -> map(img, true, true, false);
            case 7 -> map(img, true, true, true);
            case 8 -> map(img, true, false, true);
            default -> img;
        };
    }

    /**
     * Turns an image clockwise by a multiple of 90 degrees.
     *
     * @param degrees 0, 90, 180 or 270
     */
    public static GrayImage rotateClockwise(GrayImage img, int degrees) {
        return switch (((degrees % 360) + 360) % 360) {
            case 90 -> map(img, true, true, false);
            case 180 -> map(img, false, true, true);
            case 270 -> map(img, true, false, true);
            default -> img;
        };
    }

    /**
     * The general pixel shuffle: optionally transpose, then mirror horizontally and/or vertically
     * (in output coordinates).
     */
    private static GrayImage map(GrayImage img, boolean transpose, boolean mirrorX, boolean mirrorY) {
        int w = img.width();
        int h = img.height();
        int ow = transpose ? h : w;
        int oh = transpose ? w : h;
        byte[] src = img.pixels();
        byte[] dst = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            int sy0 = mirrorY ? oh - 1 - y : y;
            for (int x = 0; x < ow; x++) {
                int sx0 = mirrorX ? ow - 1 - x : x;
                int sx = transpose ? sy0 : sx0;
                int sy = transpose ? sx0 : sy0;
                dst[y * ow + x] = src[sy * w + sx];
            }
        }
        return new GrayImage(ow, oh, dst);
    }
}
