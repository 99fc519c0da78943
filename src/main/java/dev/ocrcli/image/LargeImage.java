package dev.ocrcli.image;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.io.IOException;
import java.util.Iterator;

/**
 * A page too large to decode at once (wider or taller than Tesseract's 32767 px, or more pixels
 * than the heap can hold): it stays encoded in memory and is decoded a rectangle at a time, so
 * only one band of pixels exists at any moment.
 */
public final class LargeImage {
    private final byte[] encoded;
    private final int index;
    private final int width;
    private final int height;
    private final String label;

    static {
        ImageIOPlugins.init();
    }

    LargeImage(byte[] encoded, int index, int width, int height, String label) {
        this.encoded = encoded;
        this.index = index;
        this.width = width;
        this.height = height;
        this.label = label;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Decodes just the rectangle {@code (x, y, w, h)} into grey pixels. */
    public GrayImage read(int x, int y, int w, int h) {
        try (ImageInputStream iis = new ByteArrayImageInputStream(encoded)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt image (no decoder)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, false, true);
                ImageReadParam p = reader.getDefaultReadParam();
                p.setSourceRegion(new Rectangle(x, y, w, h));
                return GrayImage.from(reader.read(index, p));
            } finally {
                reader.dispose();
            }
        } catch (OcrException e) {
            throw e;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt image (" + Messages.reason(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": not enough memory for a " + w + "x" + h + " band (raise -Xmx)");
        }
    }
}
