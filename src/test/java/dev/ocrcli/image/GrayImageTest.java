package dev.ocrcli.image;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Grey conversion: the direct path for decoded BGR/ABGR pages gives what the general path gives. */
class GrayImageTest {

    /** Rec. 601 luma on white, from getRGB: the general path's definition. */
    private static int expected(BufferedImage img, int x, int y) {
        int argb = img.getRGB(x, y);
        int a = argb >>> 24;
        int lum = (299 * ((argb >> 16) & 0xff) + 587 * ((argb >> 8) & 0xff) + 114 * (argb & 0xff) + 500) / 1000;
        return a == 255 ? lum : (lum * a + 255 * (255 - a) + 127) / 255;
    }

    @Test
    void everyImageTypeConvertsLikeGetRgbSays() {
        Random rnd = new Random(3);
        int[] types = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB};
        for (int type : types) {
            BufferedImage img = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    int a = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : 255;
                    img.setRGB(x, y, a << 24 | rnd.nextInt(1 << 24));
                }
            }
            GrayImage g = GrayImage.from(img);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    assertEquals(expected(img, x, y), g.get(x, y), "type " + type + " at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void aGreyImageKeepsItsOwnValues() {
        // getRGB would pass them through a gamma curve (the grey colour space is linear): a grey
        // scan's values are what the scanner measured, and they are kept as they are
        BufferedImage img = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 0);
        img.getRaster().setSample(1, 0, 0, 100);
        img.getRaster().setSample(2, 0, 0, 255);
        GrayImage g = GrayImage.from(img);
        assertEquals(0, g.get(0, 0));
        assertEquals(100, g.get(1, 0));
        assertEquals(255, g.get(2, 0));
    }

    @Test
    void aSubImageIsReadFromItsOwnCorner() {
        BufferedImage big = new BufferedImage(20, 10, BufferedImage.TYPE_3BYTE_BGR);
        big.setRGB(5, 3, 0x000000);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 20; x++) {
                if (x != 5 || y != 3) {
                    big.setRGB(x, y, 0xffffff);
                }
            }
        }
        GrayImage g = GrayImage.from(big.getSubimage(5, 3, 4, 4));
        assertEquals(0, g.get(0, 0));
        assertEquals(255, g.get(1, 0));
    }
}
