package dev.ocrcli.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;

/** Tells colour pictures from grey ones, so that only colour pages keep a colour copy. */
final class Colour {
    /** A pixel whose channels differ by more than this is coloured (JPEG noise on grey stays below). */
    private static final int SPREAD = 16;

    private Colour() {}

    /** True when the image can hold colour and some of its pixels are visibly coloured. */
    static boolean hasColour(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm.getNumColorComponents() < 3) {
            return false;
        }
        if (cm instanceof IndexColorModel icm) {
            boolean any = false;
            for (int i = 0; i < icm.getMapSize() && !any; i++) {
                any = coloured(icm.getRGB(i));
            }
            if (!any) {
                return false;
            }
        }
        int w = img.getWidth();
        int h = img.getHeight();
        long needed = Math.max(4, (long) w * h / 10_000);
        long found = 0;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                if (coloured(row[x]) && ++found >= needed) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean coloured(int argb) {
        if ((argb >>> 24) < 128) {
            return false;  // transparent: shown as white paper
        }
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > SPREAD;
    }

    /** An opaque RGB copy (transparent pixels on white), the form a PDF page image takes. */
    static BufferedImage opaqueRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return img;
        }
        BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The EXIF orientation applied to a colour picture, as {@link Orientation#apply} does to grey. */
    static BufferedImage orient(BufferedImage img, int exif) {
        if (exif < 2 || exif > 8) {
            return img;
        }
        boolean transpose = exif >= 5;
        boolean mirrorX = exif == 2 || exif == 3 || exif == 6 || exif == 7;
        boolean mirrorY = exif == 3 || exif == 4 || exif == 7 || exif == 8;
        int w = img.getWidth();
        int h = img.getHeight();
        int ow = transpose ? h : w;
        int oh = transpose ? w : h;
        int[] src = img.getRGB(0, 0, w, h, null, 0, w);
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] dst = new int[ow * oh];
        for (int y = 0; y < oh; y++) {
            int sy0 = mirrorY ? oh - 1 - y : y;
            for (int x = 0; x < ow; x++) {
                int sx0 = mirrorX ? ow - 1 - x : x;
                int sx = transpose ? sy0 : sx0;
                int sy = transpose ? sx0 : sy0;
                dst[y * ow + x] = src[sy * w + sx];
            }
        }
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }
}
