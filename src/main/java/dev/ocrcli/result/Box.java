package dev.ocrcli.result;

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

    /** This box moved by {@code (dx, dy)} and scaled by {@code scale} (1 = unchanged), clamped at 0. */
    public Box transform(double scale, int dx, int dy) {
        return new Box(Math.max(0, (int) Math.floor(x0 * scale) + dx), Math.max(0, (int) Math.floor(y0 * scale) + dy),
                Math.max(0, (int) Math.ceil(x1 * scale) + dx), Math.max(0, (int) Math.ceil(y1 * scale) + dy));
    }
}
