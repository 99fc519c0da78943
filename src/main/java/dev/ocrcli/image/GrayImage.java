package dev.ocrcli.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * An 8-bit grey image, one byte per pixel, rows top to bottom: the form the engine hands to
 * Tesseract. Compact (a quarter of an ARGB image) and cheap to pass to native code.
 */
public final class GrayImage {
    private final int width;
    private final int height;
    private final byte[] pixels;
    /** {@link #histogram()}, once counted. */
    private volatile int[] histogram;

    /**
     * @param pixels {@code width * height} bytes, row-major; not copied, so the caller must not
     *               modify them afterwards
     */
    public GrayImage(int width, int height, byte[] pixels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("empty image " + width + "x" + height);
        }
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("pixel buffer of " + pixels.length + " bytes for " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing pixel array (not a copy). */
    public byte[] pixels() {
        return pixels;
    }

    /**
     * How many pixels have each grey value 0..255 (a copy: the count is made once and kept, as
     * several pipeline steps ask for it of the same page).
     */
    public int[] histogram() {
        int[] h = histogram;
        if (h == null) {
            // four interleaved counts, so that runs of equal pixels do not wait on one counter
            int[][] part = new int[4][256];
            int n = pixels.length;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                part[0][pixels[i] & 0xff]++;
                part[1][pixels[i + 1] & 0xff]++;
                part[2][pixels[i + 2] & 0xff]++;
                part[3][pixels[i + 3] & 0xff]++;
            }
            for (; i < n; i++) {
                part[0][pixels[i] & 0xff]++;
            }
            h = new int[256];
            for (int v = 0; v < 256; v++) {
                h[v] = part[0][v] + part[1][v] + part[2][v] + part[3][v];
            }
            histogram = h;
        }
        return h.clone();
    }

    /** The grey value below which {@code fraction} of this image's pixels lie (0.9: the paper's grey). */
    public int percentile(double fraction) {
        return percentile(histogram(), fraction);
    }

    /** The grey value below which {@code fraction} of the pixels counted in {@code hist} (256 bins) lie. */
    public static int percentile(int[] hist, double fraction) {
        long total = 0;
        for (int v : hist) {
            total += v;
        }
        long target = (long) Math.ceil(total * fraction);
        long acc = 0;
        for (int i = 0; i < 256; i++) {
            acc += hist[i];
            if (acc >= target) {
                return i;
            }
        }
        return 255;
    }

    /** Grey value 0..255 at (x, y). */
    public int get(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    /**
     * Converts any image to grey with Rec. 601 luma weights, compositing transparent pixels on
     * white (so dark text on a transparent background stays readable).
     */
    public static GrayImage from(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[Math.multiplyExact(w, h)];
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && img.getRaster().getDataBuffer() instanceof DataBufferByte db
                && img.getRaster().getSampleModel().getNumBands() == 1 && db.getData().length == out.length
                && img.getRaster().getSampleModelTranslateX() == 0 && img.getRaster().getSampleModelTranslateY() == 0) {
            System.arraycopy(db.getData(), 0, out, 0, out.length);
            return new GrayImage(w, h, out);
        }
        if (fromInterleavedBytes(img, out)) {
            return new GrayImage(w, h, out);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            int o = y * w;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int r = (argb >> 16) & 0xff;
                int g = (argb >> 8) & 0xff;
                int b = argb & 0xff;
                out[o + x] = luma(a, r, g, b);
            }
        }
        return new GrayImage(w, h, out);
    }

    /** Rec. 601 luma of one pixel, composited on white when not opaque. */
    private static byte luma(int a, int r, int g, int b) {
        int lum = (299 * r + 587 * g + 114 * b + 500) / 1000;
        if (a != 255) {
            lum = (lum * a + 255 * (255 - a) + 127) / 255;
        }
        return (byte) lum;
    }

    /**
     * The common case of a decoded PNG or JPEG, 8-bit BGR or ABGR bytes in sRGB, read straight from
     * the raster: the same values as {@link BufferedImage#getRGB}, without its per-pixel colour
     * model calls (a third of the time spent loading a scanned page). False for any other layout.
     */
    private static boolean fromInterleavedBytes(BufferedImage img, byte[] out) {
        int type = img.getType();
        int bands = type == BufferedImage.TYPE_3BYTE_BGR ? 3 : type == BufferedImage.TYPE_4BYTE_ABGR ? 4 : 0;
        if (bands == 0 || !(img.getRaster().getDataBuffer() instanceof DataBufferByte db)
                || !(img.getRaster().getSampleModel() instanceof java.awt.image.PixelInterleavedSampleModel sm)
                || sm.getPixelStride() != bands || sm.getScanlineStride() != img.getWidth() * bands
                || img.getRaster().getSampleModelTranslateX() != 0 || img.getRaster().getSampleModelTranslateY() != 0
                || !img.getColorModel().getColorSpace().isCS_sRGB()) {
            return false;
        }
        byte[] p = db.getData();
        if (p.length < (long) out.length * bands) {
            return false;
        }
        // TYPE_3BYTE_BGR stores B, G, R; TYPE_4BYTE_ABGR stores A, B, G, R
        for (int i = 0, k = 0; i < out.length; i++, k += bands) {
            if (bands == 3) {
                out[i] = luma(255, p[k + 2] & 0xff, p[k + 1] & 0xff, p[k] & 0xff);
            } else {
                out[i] = luma(p[k] & 0xff, p[k + 3] & 0xff, p[k + 2] & 0xff, p[k + 1] & 0xff);
            }
        }
        return true;
    }

    /** A {@link BufferedImage} view of this image (shares no memory; for writing and debugging). */
    public BufferedImage toBufferedImage() {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, dst, 0, pixels.length);
        return img;
    }

    /** This image with a margin of {@code margin} pixels of its own paper colour (its 90th percentile grey) all round. */
    public GrayImage padded(int margin) {
        int fill = percentile(0.9);
        int w = width + 2 * margin;
        int h = height + 2 * margin;
        byte[] out = new byte[w * h];
        java.util.Arrays.fill(out, (byte) fill);
        for (int y = 0; y < height; y++) {
            System.arraycopy(pixels, y * width, out, (y + margin) * w + margin, width);
        }
        return new GrayImage(w, h, out);
    }

    /** The rectangle {@code (x, y, w, h)}, clipped to the image, as a new image. */
    public GrayImage crop(int x, int y, int w, int h) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        if (x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("rectangle " + x + "," + y + "," + w + "," + h + " lies outside the " + width + "x" + height + " image");
        }
        int cw = x1 - x0;
        byte[] out = new byte[cw * (y1 - y0)];
        for (int r = y0; r < y1; r++) {
            System.arraycopy(pixels, r * width + x0, out, (r - y0) * cw, cw);
        }
        return new GrayImage(cw, y1 - y0, out);
    }
}
