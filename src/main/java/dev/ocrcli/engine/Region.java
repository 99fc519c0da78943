package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;

/**
 * A rectangle of a page to recognise on its own, in pixels of the image as loaded.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, at least 1
 * @param height height, at least 1
 */
public record Region(int x, int y, int width, int height) {
    /** Marker for "the whole page". */
    static final Region WHOLE_PAGE = new Region(0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public Region {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new OcrException(Kind.BAD_ARGUMENT, "invalid rectangle " + x + "," + y + "," + width + "," + height
                    + " (x and y must be >= 0, width and height > 0)");
        }
    }

    /** Parses {@code x,y,w,h}. */
    public static Region parse(String spec) {
        String[] p = spec.trim().split("\\s*,\\s*");
        if (p.length != 4) {
            throw new OcrException(Kind.BAD_ARGUMENT, "rectangle must be x,y,width,height, not '" + spec + "'");
        }
        try {
            return new Region(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
        } catch (NumberFormatException e) {
            throw new OcrException(Kind.BAD_ARGUMENT, "rectangle must be four whole numbers x,y,width,height, not '" + spec + "'");
        }
    }

    /** This rectangle cut to the image; an error when nothing of it lies inside. */
    Region clippedTo(int imageWidth, int imageHeight, String source) {
        int x1 = (int) Math.min((long) x + width, imageWidth);
        int y1 = (int) Math.min((long) y + height, imageHeight);
        if (x >= imageWidth || y >= imageHeight || x1 <= x || y1 <= y) {
            throw new OcrException(Kind.BAD_ARGUMENT, source + ": rectangle " + x + "," + y + "," + width + "," + height
                    + " lies outside the " + imageWidth + "x" + imageHeight + " image");
        }
        return new Region(x, y, x1 - x, y1 - y);
    }
}
