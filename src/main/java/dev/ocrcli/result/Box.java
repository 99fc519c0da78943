package dev.ocrcli.result;

import java.util.Collection;

/**
 * An axis-aligned rectangle in image pixels: {@code (x0, y0)} is the top-left corner (inclusive),
 * {@code (x1, y1)} the bottom-right corner (exclusive), as Tesseract reports them.
 */
public record Box(int x0, int y0, int x1, int y1) {
    public Box {
        if (x1 < x0 || y1 < y0) {
            throw new IllegalArgumentException("inverted box " + x0 + "," + y0 + "," + x1 + "," + y1);
        }
    }

    public int width() {
        return x1 - x0;
    }

    public int height() {
        return y1 - y0;
    }

    /** Pixels covered. */
    public long area() {
        return (long) width() * height();
    }

    /** The smallest box holding both. */
    public Box union(Box o) {
        return new Box(Math.min(x0, o.x0), Math.min(y0, o.y0), Math.max(x1, o.x1), Math.max(y1, o.y1));
    }

    /** Pixels this box shares with another (0 when they do not meet). */
    public long intersection(Box o) {
        long w = Math.min(x1, o.x1) - Math.max(x0, o.x0);
        long h = Math.min(y1, o.y1) - Math.max(y0, o.y0);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Whether the point lies inside (edges as for pixels: left/top in, right/bottom out). */
    public boolean contains(int x, int y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }

    /** The box around all of them; null for none. */
    public static Box around(Collection<Box> boxes) {
        Box out = null;
        for (Box b : boxes) {
            out = out == null ? b : out.union(b);
        }
        return out;
    }
}
