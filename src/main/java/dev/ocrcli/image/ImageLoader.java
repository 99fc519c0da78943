package dev.ocrcli.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads image files into {@link OcrInput}s: PNG, JPEG (incl. CMYK and progressive), TIFF (every
 * page), BMP, GIF and WebP through ImageIO with the TwelveMonkeys plugins; applies EXIF
 * orientation; takes the resolution from the file's metadata.
 *
 * <p>Dimensions are checked from the header before any pixel is decoded, so a small file that
 * claims an enormous image (a decompression bomb) is refused without allocating it. Pages over
 * Tesseract's 32767 px side limit, over {@value #TILE_BUDGET_PIXELS} pixels, or larger than the
 * heap can decode at once come back as {@link LargeImage}s that the engine reads in tiles. Every
 * failure is an {@link OcrException} with a one-line message.
 */
public final class ImageLoader {
    private static final Logger log = LoggerFactory.getLogger(ImageLoader.class);

    /** Tesseract's hard limit on either side of an image. */
    public static final int TESSERACT_MAX_SIDE = 32767;

    static {
        // decode in memory; the plugins on the class path register themselves on first use
        ImageIO.setUseCache(false);
    }

    /** Pages with more pixels are decoded and recognised in bands. */
    public static final long TILE_BUDGET_PIXELS = 100_000_000L;
    /** Beyond this a header is taken for a decompression bomb, tiles or not. */
    public static final long MAX_TILED_PIXELS = 1_100_000_000L;

    private final long maxPixels;

    /** A loader limited only by Tesseract's side limit and the memory available. */
    public ImageLoader() {
        this(0);
    }

    /**
     * @param maxPixels refuse pages with more pixels than this (0: no fixed limit, only the
     *                  side limit and the Java heap)
     */
    public ImageLoader(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** Loads a file. */
    public OcrInput load(Path path) {
        long t0 = System.nanoTime();
        String label = path.toString();
        if (Files.isDirectory(path)) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": no such file");
        } catch (AccessDeniedException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": permission denied");
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": file too large to read into memory");
        } catch (IOException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": cannot read: " + e.getMessage());
        }
        return decode(bytes, label, t0);
    }

    /** Loads image bytes already in memory (e.g. standard input or an HTTP body). */
    public OcrInput read(byte[] bytes, String label) {
        return decode(bytes, label, System.nanoTime());
    }

    /** Loads everything from a stream (e.g. standard input). */
    public OcrInput read(InputStream in, String label) {
        long t0 = System.nanoTime();
        try {
            return decode(in.readAllBytes(), label, t0);
        } catch (IOException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": cannot read: " + e.getMessage());
        }
    }

    private OcrInput decode(byte[] bytes, String label, long t0) {
        if (bytes.length == 0) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": empty file (0 bytes)");
        }
        List<Page> pages = new ArrayList<>();
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                String what = describeUnknown(bytes);
                throw new OcrException(what.startsWith("truncated") ? Kind.INPUT_UNREADABLE : Kind.UNSUPPORTED_FORMAT, label + ": " + what);
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toUpperCase(Locale.ROOT);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                @Override
                public void warningOccurred(ImageReader source, String warning) {
                    warnings.add(warning);
                }
            });
            try {
                reader.setInput(iis, false, false);
                boolean multiPage = format.startsWith("TIF");
                int count = multiPage ? reader.getNumImages(true) : 1;
                if (count <= 0) {
                    throw new OcrException(Kind.INPUT_UNREADABLE, label + ": " + format + " file holds no image");
                }
                int orientation = multiPage ? 1 : exifOrientation(bytes);
                for (int i = 0; i < count; i++) {
                    int w = reader.getWidth(i);
                    int h = reader.getHeight(i);
                    if (checkSize(label, w, h)) {
                        // read later a band at a time; EXIF orientation of such pages is not applied
                        pages.add(new Page.Tiled(i + 1, new LargeImage(bytes, i, w, h, label), dpi(reader, i)));
                        continue;
                    }
                    BufferedImage img = reader.read(i);
                    if (isTruncated(warnings)) {
                        throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt " + format + " image (" + warnings.get(0) + ")");
                    }
                    int dpi = dpi(reader, i);
                    GrayImage gray = GrayImage.from(img);
                    img = null;
                    gray = Orientation.apply(gray, orientation);
                    pages.add(Page.of(i + 1, gray, dpi));
                }
            } finally {
                reader.dispose();
            }
        } catch (OcrException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": not enough memory to decode the image (raise -Xmx)");
        } catch (IIOException | EOFException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt image (" + rootMessage(e) + ")");
        } catch (IOException | RuntimeException e) {
            // decoders throw all kinds of unchecked exceptions on hostile input
            log.debug("decoder failure on {}", label, e);
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt image (" + rootMessage(e) + ")");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new OcrInput(label, pages, ms);
    }

    /**
     * Refuses absurd sizes; says whether the page must be read in tiles (over Tesseract's side
     * limit, over the tile budget, or more than the heap can decode at once).
     */
    private boolean checkSize(String label, int w, int h) {
        if (w <= 0 || h <= 0) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": invalid image size " + w + "x" + h);
        }
        long pixels = (long) w * h;
        if (maxPixels > 0 && pixels > maxPixels) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": image is " + w + "x" + h + " px ("
                    + megapixels(pixels) + " MP), over the limit of " + megapixels(maxPixels) + " MP");
        }
        if (pixels > MAX_TILED_PIXELS) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": image is " + w + "x" + h + " px ("
                    + megapixels(pixels) + " MP), over the " + megapixels(MAX_TILED_PIXELS) + " MP ocr-cli reads even in tiles");
        }
        if (w > TESSERACT_MAX_SIDE || h > TESSERACT_MAX_SIDE || pixels > TILE_BUDGET_PIXELS) {
            return true;
        }
        // Decoding takes up to 4 bytes per pixel plus the 1-byte grey copy.
        long need = pixels * 5;
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return need > free;
    }

    private static String megapixels(long px) {
        return String.format(Locale.ROOT, "%.1f", px / 1e6);
    }

    private static boolean isTruncated(List<String> warnings) {
        for (String w : warnings) {
            String s = w.toLowerCase(Locale.ROOT);
            if (s.contains("premature end") || s.contains("truncat")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        String msg = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        return msg.replaceAll("\\s+", " ").trim();
    }

    /** Names formats we recognise but do not read, so the error says what the file is. */
    static String describeUnknown(byte[] b) {
        if (startsWith(b, "%PDF")) {
            return "unsupported format: PDF (not an image)";
        }
        if (b.length > 12 && new String(b, 4, 8, java.nio.charset.StandardCharsets.ISO_8859_1).matches("ftyp(heic|heix|mif1|avif)")) {
            return "unsupported format: HEIF/AVIF";
        }
        if (startsWith(b, "\0\0\0\fjP  ") || startsWith(b, "\u00ff\u004f\u00ff\u0051")) {
            return "unsupported format: JPEG 2000";
        }
        if (startsWith(b, "\u0089PNG") || startsWith(b, "\u00ff\u00d8\u00ff") || startsWith(b, "GIF8") || startsWith(b, "II*\0")
                || startsWith(b, "MM\0*") || startsWith(b, "BM") || startsWith(b, "RIFF")) {
            return "truncated or corrupt image (header unreadable)";
        }
        return "not an image (unrecognised format; PNG, JPEG, TIFF, BMP, GIF and WebP are supported)";
    }

    private static boolean startsWith(byte[] b, String magic) {
        if (b.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if ((b[i] & 0xff) != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The EXIF orientation tag (1..8), 1 when absent or unreadable. */
    private static int exifOrientation(byte[] bytes) {
        try {
            Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            ExifIFD0Directory dir = md.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (dir != null && dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (ImageProcessingException | IOException | MetadataException | RuntimeException e) {
            log.debug("no EXIF orientation: {}", e.toString());
        }
        return 1;
    }

    /** Resolution from the standard ImageIO metadata tree, 0 when absent or implausible. */
    private static int dpi(ImageReader reader, int index) {
        try {
            IIOMetadata md = reader.getImageMetadata(index);
            if (md == null || !md.isStandardMetadataFormatSupported()) {
                return 0;
            }
            Node root = md.getAsTree("javax_imageio_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!"Dimension".equals(n.getNodeName())) {
                    continue;
                }
                for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if ("HorizontalPixelSize".equals(c.getNodeName())) {
                        NamedNodeMap attrs = c.getAttributes();
                        Node v = attrs == null ? null : attrs.getNamedItem("value");
                        if (v != null) {
                            double mmPerPixel = Double.parseDouble(v.getNodeValue());
                            if (mmPerPixel > 0) {
                                int dpi = (int) Math.round(25.4 / mmPerPixel);
                                return dpi >= 50 && dpi <= 2400 ? dpi : 0;
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            log.debug("no resolution in metadata: {}", e.toString());
        }
        return 0;
    }
}
