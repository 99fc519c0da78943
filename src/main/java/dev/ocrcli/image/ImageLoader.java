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
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
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
 * Reads image files into {@link OcrInput}s or {@link PageSource}s: PNG, JPEG (incl. CMYK and
 * progressive), TIFF (every page, decoded one at a time), BMP, GIF and WebP through ImageIO with
 * the TwelveMonkeys plugins, JPEG 2000 with the jai-imageio plugin; applies EXIF orientation;
 * takes the resolution from the file's metadata.
 *
 * <p>Dimensions are checked from the header before any pixel is decoded, so a small file that
 * claims an enormous image (a decompression bomb) is refused without allocating it: over the
 * limits, or more pixels than a file of its size and format can encode at all. Pages over
 * Tesseract's 32767 px side limit, over {@value #TILE_BUDGET_PIXELS} pixels, or larger than the
 * heap can decode at once come back as {@link LargeImage}s that the engine reads in tiles. Every
 * failure is an {@link OcrException} with a one-line message.
 */
public final class ImageLoader {
    private static final Logger log = LoggerFactory.getLogger(ImageLoader.class);

    /** Tesseract's hard limit on either side of an image. */
    public static final int TESSERACT_MAX_SIDE = 32767;

    static {
        // decode in memory, with only the plugins we mean to use
        ImageIOPlugins.init();
    }

    /** Pages with more pixels are decoded and recognised in bands. */
    public static final long TILE_BUDGET_PIXELS = 100_000_000L;
    /** Beyond this a header is taken for a decompression bomb, tiles or not. */
    public static final long MAX_TILED_PIXELS = 1_100_000_000L;

    private final long maxPixels;
    private final boolean colour;

    /** A loader limited only by Tesseract's side limit and the memory available. */
    public ImageLoader() {
        this(0);
    }

    /**
     * @param maxPixels refuse pages with more pixels than this (0: no fixed limit, only the
     *                  side limit and the Java heap)
     */
    public ImageLoader(long maxPixels) {
        this(maxPixels, false);
    }

    /**
     * @param maxPixels refuse pages with more pixels than this (0: no fixed limit)
     * @param colour    keep a colour copy of colour pages ({@link Page.Decoded#colour()}), for
     *                  searchable PDF output; costs memory, so only then
     */
    public ImageLoader(long maxPixels, boolean colour) {
        this.maxPixels = maxPixels;
        this.colour = colour;
    }

    /** Loads a file, every page decoded. */
    public OcrInput load(Path path) {
        long t0 = System.nanoTime();
        String label = path.toString();
        return decode(readFile(path, label), label, t0);
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
        try (PageSource src = open(bytes, label, t0)) {
            List<Page> pages = new ArrayList<>(Math.min(src.pageCount(), 1024));
            for (int i = 0; i < src.pageCount(); i++) {
                pages.add(src.page(i));
            }
            return new OcrInput(label, pages, src.loadMillis());
        }
    }

    /** Opens a file as pages decoded one at a time (a multi-page TIFF never sits in memory whole). */
    public PageSource open(Path path) {
        long t0 = System.nanoTime();
        String label = path.toString();
        return open(readFile(path, label), label, t0);
    }

    /** Opens image bytes already in memory as pages decoded one at a time. */
    public PageSource open(byte[] bytes, String label) {
        return open(bytes, label, System.nanoTime());
    }

    private static byte[] readFile(Path path, String label) {
        if (Files.isDirectory(path)) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": is a directory");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": no such file");
        } catch (AccessDeniedException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": permission denied");
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": file too large to read into memory");
        } catch (IOException e) {
            throw new OcrException(Kind.INPUT_NOT_FOUND, label + ": cannot read: " + e.getMessage());
        }
    }

    private PageSource open(byte[] bytes, String label, long t0) {
        if (bytes.length == 0) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": empty file (0 bytes)");
        }
        return guard(label, () -> new Decoder(bytes, label, t0));
    }

    /** Runs a decoding step, turning whatever a decoder throws on hostile input into a one-line {@link OcrException}. */
    private static <T> T guard(String label, java.util.concurrent.Callable<T> step) {
        try {
            return step.call();
        } catch (OcrException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            throw new OcrException(Kind.IMAGE_TOO_LARGE, label + ": not enough memory to decode the image (raise -Xmx)");
        } catch (IIOException | EOFException e) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt image (" + rootMessage(e) + ")");
        } catch (InternalError | UnknownError e) {
            throw e;   // the JVM's own failures, not the input's
        } catch (Exception | Error e) {
            // decoders throw all kinds of unchecked exceptions on hostile input, a stack overflow,
            // and errors of their own (JJ2000's NotImplementedError for a tile too long)
            log.debug("decoder failure on {}", label, e);
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt image (" + rootMessage(e) + ")");
        }
    }

    /**
     * The pages of one image file: the header is read when it is opened (format, page count), each
     * page's pixels only when that page is asked for, by one reader kept open meanwhile.
     */
    private final class Decoder implements PageSource {
        private final byte[] bytes;
        private final String label;
        private final ImageInputStream iis;
        private final ImageReader reader;
        private final String format;
        private final int count;
        private final int orientation;
        private final List<String> warnings = new ArrayList<>();
        private long loadNanos;

        Decoder(byte[] bytes, String label, long t0) throws IOException {
            this.bytes = bytes;
            this.label = label;
            ImageInputStream in = new ByteArrayImageInputStream(bytes);
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                in.close();
                Unknown what = describeUnknown(bytes);
                throw new OcrException(what.kind(), label + ": " + what.message());
            }
            this.iis = in;
            this.reader = readers.next();
            boolean ok = false;
            try {
                this.format = reader.getFormatName().toUpperCase(Locale.ROOT);
                reader.addIIOReadWarningListener(new IIOReadWarningListener() {
                    @Override
                    public void warningOccurred(ImageReader source, String warning) {
                        warnings.add(warning);
                    }
                });
                reader.setInput(iis, false, false);
                boolean multiPage = format.startsWith("TIF");
                this.count = multiPage ? reader.getNumImages(true) : 1;
                if (count <= 0) {
                    throw new OcrException(Kind.INPUT_UNREADABLE, label + ": " + format + " file holds no image");
                }
                this.orientation = multiPage ? 1 : exifOrientation(bytes);
                // the first page's header now: a decompression bomb is refused before anything is decoded
                checkSize(label, format, bytes.length, reader.getWidth(0), reader.getHeight(0));
                ok = true;
            } finally {
                if (!ok) {
                    close();
                }
            }
            loadNanos = System.nanoTime() - t0;
        }

        @Override
        public String source() {
            return label;
        }

        @Override
        public int pageCount() {
            return count;
        }

        @Override
        public int[] pageSize(int index) {
            return guard(label, () -> {
                int w = reader.getWidth(index);
                int h = reader.getHeight(index);
                return orientation >= 5 ? new int[] {h, w} : new int[] {w, h};
            });
        }

        @Override
        public int pageDpi(int index) {
            return dpi(reader, index);
        }

        @Override
        public Page page(int index) {
            long t0 = System.nanoTime();
            String where = count > 1 ? label + ": page " + (index + 1) : label;
            try {
                return guard(where, () -> decodePage(index, where));
            } finally {
                loadNanos += System.nanoTime() - t0;
            }
        }

        private Page decodePage(int i, String where) throws Exception {
            int w = reader.getWidth(i);
            int h = reader.getHeight(i);
            int dpi = dpi(reader, i);
            if (checkSize(where, format, bytes.length, w, h)) {
                // read later a band at a time; EXIF orientation of such pages is not applied
                return new Page.Tiled(i + 1, new LargeImage(bytes, i, w, h, label), dpi);
            }
            warnings.clear();
            BufferedImage img = format.startsWith("JPEG2000") || format.startsWith("JPEG 2000") ? readWithDeadline(i, where, w, h) : reader.read(i);
            if (isTruncated(warnings)) {
                throw new OcrException(Kind.INPUT_UNREADABLE, where + ": truncated or corrupt " + format + " image (" + warnings.get(0) + ")");
            }
            GrayImage gray = Orientation.apply(GrayImage.from(img), orientation);
            Picture picture = colour ? picture(img, gray) : null;
            return Page.of(i + 1, gray, dpi, picture);
        }

        /** Reads a JPEG 2000 page under {@link Jpeg2000Deadline}: past it the page is an unreadable image. */
        private BufferedImage readWithDeadline(int i, String where, long w, long h) throws Exception {
            try {
                return Jpeg2000Deadline.run(() -> reader.read(i), w * h);
            } catch (Jpeg2000Deadline.Exceeded e) {
                // the reader is not used again (the page failed)
                throw new OcrException(Kind.INPUT_UNREADABLE, where + ": " + e.getMessage());
            }
        }

        /** The page in colour for a searchable PDF, or null when it is grey. */
        private Picture picture(BufferedImage img, GrayImage gray) {
            if (!Colour.hasColour(img)) {
                return null;
            }
            if (format.equals("JPEG") && orientation == 1 && Jpegs.embeddable(bytes) && count == 1) {
                return new Picture.Jpeg(bytes, gray.width(), gray.height());
            }
            boolean lossy = format.equals("JPEG") || format.equals("WEBP") || format.startsWith("JPEG2000") || format.startsWith("JPEG 2000");
            return new Picture.Pixels(Colour.orient(Colour.opaqueRgb(img), orientation), lossy);
        }

        @Override
        public long loadMillis() {
            return loadNanos / 1_000_000;
        }

        @Override
        public void close() {
            try {
                reader.dispose();
                iis.close();
            } catch (IOException | RuntimeException e) {
                log.debug("closing {}: {}", label, e.toString());
            }
        }
    }

    /**
     * Refuses absurd sizes; says whether the page must be read in tiles (over Tesseract's side
     * limit, over the tile budget, or more than the heap can decode at once).
     */
    private boolean checkSize(String label, String format, long fileBytes, int w, int h) {
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
        long least = minimumBytes(format, w, h);
        if (fileBytes < least) {
            throw new OcrException(Kind.INPUT_UNREADABLE, label + ": truncated or corrupt " + format + " image (its header declares "
                    + w + "x" + h + " px, " + megapixels(pixels) + " MP, which no " + format + " file of " + size(fileBytes)
                    + " can hold: truncated, or a decompression bomb)");
        }
        if (w > TESSERACT_MAX_SIDE || h > TESSERACT_MAX_SIDE || pixels > TILE_BUDGET_PIXELS) {
            return true;
        }
        // Decoding takes up to 4 bytes per pixel plus the 1-byte grey copy.
        long need = pixels * (colour ? 8 : 5);
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return need > free;
    }

    /**
     * The fewest bytes a file of this format can encode {@code w x h} pixels in, with a margin of
     * two for safety; 0 for formats whose compression has no such bound (TIFF with CCITT or JBIG,
     * WebP, RLE bitmaps). PNG: deflate expands a byte to at most 1032 (rows of 1 bit per pixel and a
     * filter byte); GIF: an LZW code of 12 bits stands for at most 4096 pixels; JPEG: every 8x8
     * block takes at least one bit.
     */
    static long minimumBytes(String format, long w, long h) {
        return switch (format) {
            case "PNG" -> h * (1 + (w + 7) / 8) / 1032 / 2;
            case "GIF" -> w * h / 2731 / 2;
            case "JPEG" -> w * h / 64 / 8 / 2;
            default -> 0;
        };
    }

    private static String size(long bytes) {
        return bytes < 10_000 ? bytes + " bytes" : bytes < 10_000_000 ? bytes / 1000 + " KB" : bytes / 1_000_000 + " MB";
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
        return Messages.reason(t);
    }

    /**
     * Why no decoder took a file: the kind of error and what to tell the user.
     *
     * @param kind    UNSUPPORTED_FORMAT for a format ocr-cli does not read, INPUT_UNREADABLE for a
     *                readable format whose header is damaged
     * @param message what the file is, for the error message
     */
    record Unknown(Kind kind, String message) {
        static Unknown unsupported(String message) {
            return new Unknown(Kind.UNSUPPORTED_FORMAT, message);
        }

        static Unknown damaged(String message) {
            return new Unknown(Kind.INPUT_UNREADABLE, message);
        }
    }

    /** Names formats we recognise but do not read, so the error says what the file is. */
    static Unknown describeUnknown(byte[] b) {
        if (Inputs.isPdf(b)) {
            return Unknown.unsupported("unsupported format: PDF (not an image)");
        }
        if (b.length > 12 && new String(b, 4, 8, java.nio.charset.StandardCharsets.ISO_8859_1).matches("ftyp(heic|heix|mif1|avif)")) {
            return Unknown.unsupported("unsupported format: HEIF/AVIF");
        }
        if (startsWith(b, "\0\0\0\fjP  ") || startsWith(b, "\u00ff\u004f\u00ff\u0051")) {
            return ImageIOPlugins.jpeg2000() ? Unknown.damaged("truncated or corrupt image (JPEG 2000 header unreadable)")
                    : Unknown.unsupported("unsupported format: JPEG 2000");
        }
        if (startsWith(b, "\u0089PNG") || startsWith(b, "\u00ff\u00d8\u00ff") || startsWith(b, "GIF8") || startsWith(b, "II*\0")
                || startsWith(b, "MM\0*") || startsWith(b, "BM") || startsWith(b, "RIFF")) {
            return Unknown.damaged("truncated or corrupt image (header unreadable)");
        }
        return Unknown.unsupported("not an image (unrecognised format; PNG, JPEG, TIFF, BMP, GIF, WebP and JPEG 2000 are supported)");
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
