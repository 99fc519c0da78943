package dev.ocrcli.image;

/**
 * Resampling of grey images: exact area averaging when shrinking (no aliasing of thin strokes),
 * bilinear interpolation when enlarging.
 */
public final class Resize {
    private Resize() {}

    /** Scales by {@code factor} (e.g. 0.5 halves each side); returns the image itself for 1. */
    public static GrayImage scale(GrayImage img, double factor) {
        if (factor <= 0 || Double.isNaN(factor)) {
            throw new IllegalArgumentException("scale factor " + factor);
        }
        int w = Math.max(1, (int) Math.round(img.width() * factor));
        int h = Math.max(1, (int) Math.round(img.height() * factor));
        return to(img, w, h);
    }

    /** Resamples to exactly {@code w x h}. */
    public static GrayImage to(GrayImage img, int w, int h) {
        if (w == img.width() && h == img.height()) {
            return img;
        }
        float[] horizontal = resampleRows(img.pixels(), img.width(), img.height(), w);
        float[] both = resampleColumns(horizontal, w, img.height(), h);
        byte[] out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(both[i])));
        }
        return new GrayImage(w, h, out);
    }

    private static float[] resampleRows(byte[] src, int sw, int sh, int dw) {
        float[] out = new float[dw * sh];
        float[] line = new float[sw];
        float[] res = new float[dw];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                line[x] = src[y * sw + x] & 0xff;
            }
            resample1d(line, sw, res, dw);
            System.arraycopy(res, 0, out, y * dw, dw);
        }
        return out;
    }

    private static float[] resampleColumns(float[] src, int w, int sh, int dh) {
        float[] out = new float[w * dh];
        float[] col = new float[sh];
        float[] res = new float[dh];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < sh; y++) {
                col[y] = src[y * w + x];
            }
            resample1d(col, sh, res, dh);
            for (int y = 0; y < dh; y++) {
                out[y * w + x] = res[y];
            }
        }
        return out;
    }

    /** One-dimensional resampling of {@code n} samples to {@code m}. */
    static void resample1d(float[] in, int n, float[] out, int m) {
        double ratio = (double) n / m;
        if (m < n) {
            // area average: output sample j covers input interval [j*ratio, (j+1)*ratio)
            for (int j = 0; j < m; j++) {
                double a = j * ratio;
                double b = a + ratio;
                int i0 = (int) a;
                int i1 = Math.min(n, (int) Math.ceil(b));
                double sum = 0;
                double wsum = 0;
                for (int i = i0; i < i1; i++) {
                    double cover = Math.min(b, i + 1) - Math.max(a, i);
                    if (cover > 0) {
                        sum += in[i] * cover;
                        wsum += cover;
                    }
                }
                out[j] = (float) (sum / wsum);
            }
        } else {
            for (int j = 0; j < m; j++) {
                double pos = (j + 0.5) * ratio - 0.5;
                int i = (int) Math.floor(pos);
                double f = pos - i;
                int ia = Math.max(0, Math.min(n - 1, i));
                int ib = Math.max(0, Math.min(n - 1, i + 1));
                out[j] = (float) (in[ia] * (1 - f) + in[ib] * f);
            }
        }
    }
}
