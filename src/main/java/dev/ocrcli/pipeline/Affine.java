package dev.ocrcli.pipeline;

import dev.ocrcli.result.Box;

/**
 * A 2-D affine map {@code (x, y) -> (a*x + b*y + c, d*x + e*y + f)}; used to carry boxes found on
 * a preprocessed image back to the pixels of the image as loaded. Immutable.
 */
public record Affine(double a, double b, double c, double d, double e, double f) {
    public static final Affine IDENTITY = new Affine(1, 0, 0, 0, 1, 0);

    public static Affine scale(double sx, double sy) {
        return new Affine(sx, 0, 0, 0, sy, 0);
    }

    public static Affine translate(double dx, double dy) {
        return new Affine(1, 0, dx, 0, 1, dy);
    }

    /** Rotation by {@code radians} (positive: clockwise on screen, y pointing down) about the origin. */
    public static Affine rotate(double radians) {
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        return new Affine(cos, -sin, 0, sin, cos, 0);
    }

    /** {@code this} after {@code first}: the map that applies {@code first}, then this. */
    public Affine after(Affine first) {
        return new Affine(
                a * first.a + b * first.d, a * first.b + b * first.e, a * first.c + b * first.f + c,
                d * first.a + e * first.d, d * first.b + e * first.e, d * first.c + e * first.f + f);
    }

    public double x(double x, double y) {
        return a * x + b * y + c;
    }

    public double y(double x, double y) {
        return d * x + e * y + f;
    }

    public boolean isIdentity() {
        return equals(IDENTITY);
    }

    /** The bounding box of a mapped box, clipped to {@code [0,w) x [0,h)}. */
    public Box map(Box box, int w, int h) {
        if (isIdentity()) {
            return box;
        }
        double[] xs = {x(box.x0(), box.y0()), x(box.x1(), box.y0()), x(box.x0(), box.y1()), x(box.x1(), box.y1())};
        double[] ys = {y(box.x0(), box.y0()), y(box.x1(), box.y0()), y(box.x0(), box.y1()), y(box.x1(), box.y1())};
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        int x0 = clamp((int) Math.floor(minX), w);
        int y0 = clamp((int) Math.floor(minY), h);
        int x1 = clamp((int) Math.ceil(maxX), w);
        int y1 = clamp((int) Math.ceil(maxY), h);
        return new Box(x0, y0, Math.max(x0, x1), Math.max(y0, y1));
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
