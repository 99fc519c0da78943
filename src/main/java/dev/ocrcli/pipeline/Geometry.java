package dev.ocrcli.pipeline;

import dev.ocrcli.image.GrayImage;

/** Pixel resampling under an affine map, used by the geometric steps. */
final class Geometry {
    private Geometry() {}

    /**
     * Builds a {@code w x h} image whose pixel (X, Y) is the input sampled bilinearly at
     * {@code toInput(X, Y)}; outside the input it is {@code fill}.
     */
    static GrayImage warp(GrayImage in, int w, int h, Affine toInput, int fill) {
        byte[] src = in.pixels();
        int iw = in.width();
        int ih = in.height();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        for (int y = 0; y < h; y++) {
            double cx = toInput.x(0.5, y + 0.5) - 0.5;
            double cy = toInput.y(0.5, y + 0.5) - 0.5;
            for (int x = 0; x < w; x++) {
                double sx = cx + toInput.a() * x;
                double sy = cy + toInput.d() * x;
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                double v00 = sample(src, iw, ih, x0, y0, fill);
                double v10 = sample(src, iw, ih, x0 + 1, y0, fill);
                double v01 = sample(src, iw, ih, x0, y0 + 1, fill);
                double v11 = sample(src, iw, ih, x0 + 1, y0 + 1, fill);
                double v = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
                out[y * w + x] = (byte) Math.round(v);
            }
        }
        return new GrayImage(w, h, out);
    }

    private static int sample(byte[] src, int w, int h, int x, int y, int fill) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            return fill;
        }
        return src[y * w + x] & 0xff;
    }
}
