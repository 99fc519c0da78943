package dev.ocrcli.image;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.testing.Cli;
import dev.ocrcli.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding every supported format, EXIF orientation, and every kind of bad input. */
class ImageLoaderTest {
    static final List<String> TEXT = List.of("Format check 123");
    static OcrEngine engine;
    final ImageLoader loader = new ImageLoader();

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() {
        // no preprocessing: the orient step would repair a page the loader left turned
        engine = OcrEngine.builder().languages("eng").preprocess("none").build();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    String read(byte[] bytes) {
        return engine.recognize(loader.read(bytes, "test")).text().strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "jpeg", "bmp", "gif", "tiff"})
    void readsEveryCommonFormat(String format) throws Exception {
        assertEquals(TEXT.get(0), read(TestImages.encode(TestImages.render(TEXT), format)));
    }

    @Test
    void aJpeg2000FileWhoseDecoderWouldNeverFinishIsAnUnreadableImage() {
        // found by fuzzing (ImageFuzzTest): a 2 KB JP2 of 173x61 px on which JJ2000 loops for ever
        // reading a corrupt packet header; the CLI ran for over 10 minutes before the deadline
        Path f = dev.ocrcli.testing.Shared.repo().resolve("src/test/resources/fixtures/jpeg2000-endless-packet.jp2");
        long t0 = System.nanoTime();
        Cli.Run r = Cli.run(f.toString());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(dev.ocrcli.cli.ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("ocr-cli: error: ") && r.stderr().strip().lines().count() == 1
                && r.stderr().contains("corrupt JPEG 2000 image (its decoder did not finish within 10 s)"), r.stderr());
        assertEquals("", r.stdout());
        assertTrue(seconds < 10 + 20, "gave up after " + seconds + " s");
    }

    @Test
    void aJpeg2000FileOnWhichTheDecoderThrowsAnErrorIsAnUnreadableImage() {
        // found by fuzzing (ImageFuzzTest): JJ2000 throws its NotImplementedError (an Error, not an
        // exception) for a tile longer than it supports; the CLI called it an internal error
        Path f = dev.ocrcli.testing.Shared.repo().resolve("src/test/resources/fixtures/jpeg2000-tile-length-error.jp2");
        assertKind(Kind.INPUT_UNREADABLE, "Tile length larger than maximum supported", () -> {
            try (PageSource src = loader.open(Files.readAllBytes(f), "tile.jp2")) {
                for (int i = 0; i < src.pageCount(); i++) {
                    src.page(i);
                }
            }
        });
        Cli.Run r = Cli.run(f.toString());
        assertEquals(dev.ocrcli.cli.ExitCodes.INPUT_UNREADABLE, r.exitCode(), r.toString());
        assertTrue(r.stderr().startsWith("ocr-cli: error: ") && r.stderr().strip().lines().count() == 1, r.stderr());
    }

    @Test
    void readsLossyAndLosslessWebp() throws Exception {
        // fixtures made here with Debian's cwebp from samples/english.png and samples/russian.png
        Path repo = dev.ocrcli.testing.Shared.repo();
        for (String[] f : new String[][] {{"english.webp", "english", "eng"}, {"russian-lossless.webp", "russian", "rus"}}) {
            byte[] webp = Files.readAllBytes(repo.resolve("src/test/resources/fixtures/" + f[0]));
            String expected = Files.readString(repo.resolve("samples/" + f[1] + ".txt")).strip();
            try (OcrEngine e = OcrEngine.builder().languages(f[2]).build()) {
                assertEquals(expected, e.recognize(loader.read(webp, f[0])).text().strip(), f[0]);
            }
        }
    }

    @Test
    void readsProgressiveJpeg() throws Exception {
        byte[] jpeg = TestImages.progressiveJpeg(TestImages.render(TEXT));
        assertEquals(TEXT.get(0), read(jpeg));
    }

    @Test
    void readsCmykJpeg() throws Exception {
        BufferedImage rgb = TestImages.render(TEXT);
        WritableRaster cmyk = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE,
                rgb.getWidth(), rgb.getHeight(), 4, null);
        for (int y = 0; y < rgb.getHeight(); y++) {
            for (int x = 0; x < rgb.getWidth(); x++) {
                int grey = rgb.getRGB(x, y) & 0xff;
                // only the black channel carries ink
                cmyk.setPixel(x, y, new int[] {0, 0, 0, 255 - grey});
            }
        }
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            w.dispose();
        }
        OcrInput in = loader.read(out.toByteArray(), "cmyk");
        assertEquals(rgb.getWidth(), in.pages().get(0).width());
        assertEquals(TEXT.get(0), engine.recognize(in).text().strip());
    }

    @Test
    void readsEveryPageOfATiff() throws Exception {
        byte[] tiff = TestImages.multiPageTiff(List.of(TestImages.render(List.of("Page one")), TestImages.render(List.of("Page two")),
                TestImages.render(List.of("Page three"))));
        OcrInput in = loader.read(tiff, "multi.tif");
        assertEquals(3, in.pages().size());
        assertEquals("Page one\fPage two\fPage three", engine.recognize(in).text().replaceAll("\\s*\f\\s*", "\f").strip());
    }

    @Test
    void appliesExifOrientation() throws Exception {
        BufferedImage upright = TestImages.render(TEXT);
        // stored turned a quarter counter-clockwise, tagged "rotate 90 clockwise to display" (6)
        GrayImage stored = Orientation.rotateClockwise(GrayImage.from(upright), 270);
        byte[] jpeg = withExifOrientation(TestImages.encode(stored.toBufferedImage(), "jpeg"), 6);
        OcrInput in = loader.read(jpeg, "exif.jpg");
        assertEquals(upright.getWidth(), in.pages().get(0).width());
        assertEquals(upright.getHeight(), in.pages().get(0).height());
        assertEquals(TEXT.get(0), engine.recognize(in).text().strip());
    }

    @Test
    void exifOrientationsRoundTrip() {
        GrayImage img = new GrayImage(3, 2, new byte[] {1, 2, 3, 4, 5, 6});
        // each turn and the mirror move the pixels where they must go (a round trip alone passes if nothing turns)
        assertPixels(Orientation.rotateClockwise(img, 90), 2, 3, 4, 1, 5, 2, 6, 3);
        assertPixels(Orientation.rotateClockwise(img, 180), 3, 2, 6, 5, 4, 3, 2, 1);
        assertPixels(Orientation.rotateClockwise(img, 270), 2, 3, 3, 6, 2, 5, 1, 4);
        assertPixels(Orientation.apply(img, 2), 3, 2, 3, 2, 1, 6, 5, 4);
        for (int deg : new int[] {90, 180, 270}) {
            GrayImage back = Orientation.rotateClockwise(Orientation.rotateClockwise(img, deg), 360 - deg);
            assertTrue(Arrays.equals(img.pixels(), back.pixels()), "rotation by " + deg);
        }
        // tag 8 undoes a clockwise quarter turn, tag 6 a counter-clockwise one
        assertTrue(Arrays.equals(img.pixels(), Orientation.apply(Orientation.rotateClockwise(img, 90), 8).pixels()));
        assertTrue(Arrays.equals(img.pixels(), Orientation.apply(Orientation.rotateClockwise(img, 270), 6).pixels()));
        assertTrue(Arrays.equals(img.pixels(), Orientation.apply(Orientation.apply(img, 2), 2).pixels()));
    }

    static void assertPixels(GrayImage img, int w, int h, int... pixels) {
        assertEquals(w + "x" + h, img.width() + "x" + img.height());
        byte[] want = new byte[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            want[i] = (byte) pixels[i];
        }
        assertEquals(Arrays.toString(want), Arrays.toString(img.pixels()));
    }

    @Test
    void missingFileAndDirectory() {
        assertKind(Kind.INPUT_NOT_FOUND, "no such file", () -> loader.load(tmp.resolve("nope.png")));
        assertKind(Kind.INPUT_NOT_FOUND, "is a directory", () -> loader.load(tmp));
    }

    @Test
    void emptyTruncatedCorruptAndForeignFiles() throws Exception {
        byte[] png = TestImages.encode(TestImages.render(TEXT), "png");
        byte[] jpeg = TestImages.encode(TestImages.render(TEXT), "jpeg");
        assertKind(Kind.INPUT_UNREADABLE, "empty", () -> loader.read(new byte[0], "e"));
        assertKind(Kind.INPUT_UNREADABLE, "truncated", () -> loader.read(Arrays.copyOf(png, png.length / 2), "t.png"));
        assertKind(Kind.INPUT_UNREADABLE, "truncated", () -> loader.read(Arrays.copyOf(jpeg, jpeg.length / 2), "t.jpg"));
        byte[] garbage = Arrays.copyOf(png, png.length);
        for (int i = 40; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 31);
        }
        assertKind(Kind.INPUT_UNREADABLE, "corrupt", () -> loader.read(garbage, "c.png"));
        assertKind(Kind.UNSUPPORTED_FORMAT, "not an image", () -> loader.read("just some text\n".getBytes(), "t.txt"));
        byte[] random = new byte[4096];
        new Random(1).nextBytes(random);
        assertKind(Kind.UNSUPPORTED_FORMAT, "not an image", () -> loader.read(random, "r.bin"));
        assertKind(Kind.UNSUPPORTED_FORMAT, "unsupported format: PDF", () -> loader.read("%PDF-1.7\n%...".getBytes(), "d.pdf"));
    }

    @Test
    void refusesBombsAndDefersHugePagesFromTheHeaderBeforeDecoding() {
        // a decompression bomb: a few bytes claiming 10 gigapixels
        assertKind(Kind.IMAGE_TOO_LARGE, "100000x100000", () -> loader.read(TestImages.pngHeaderOnly(100000, 100000), "bomb.png"));
        // over Tesseract's side limit or the heap: nothing decoded yet, the engine reads it in tiles
        Page wide = loader.read(TestImages.pngHeaderOnly(40000, 10), "wide.png").pages().get(0);
        assertTrue(wide instanceof Page.Tiled && wide.width() == 40000 && wide.height() == 10);
        ImageLoader limited = new ImageLoader(1_000_000);
        assertKind(Kind.IMAGE_TOO_LARGE, "limit", () -> limited.read(TestImages.pngHeaderOnly(2000, 1000), "2mp.png"));
    }

    @Test
    void aPageUnderThePixelBudgetButOverTheHeapIsReadInTiles() throws Exception {
        // 63 MP of grey: under the tile budget and Tesseract's side limit, but decoding it at once
        // takes about 5 bytes a pixel, more than a 256 MB heap holds
        int w = 9000;
        int h = 7000;
        assertTrue((long) w * h < ImageLoader.TILE_BUDGET_PIXELS && (long) w * h * 5 > 256L << 20);
        String[] texts = {"Heap bound page starts here", "Middle of the big page", "Last words near the corner"};
        int[][] at = {{100, 200}, {4000, 3500}, {w - 900, h - 200}};
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(java.awt.Color.BLACK);
        g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new java.awt.Font(TestImages.FONT, java.awt.Font.PLAIN, 40));
        for (int i = 0; i < texts.length; i++) {
            g.drawString(texts[i], at[i][0], at[i][1]);
        }
        g.dispose();
        Path file = tmp.resolve("heap-bound.png");
        ImageIO.write(img, "png", file.toFile());
        img = null;
        Cli.Run r = Cli.run(null, null, List.of("-Xmx256m"), file.toString(), "-f", "json");
        assertEquals(0, r.exitCode(), r.toString());
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stdout());
        assertEquals(String.join("\n", texts), d.get("text").asText().strip().replaceAll("\n+", "\n"));
        com.fasterxml.jackson.databind.JsonNode page = d.get("pages").get(0);
        assertEquals(w, page.get("width").asInt());
        List<String> steps = new java.util.ArrayList<>();
        page.get("preprocessing").forEach(st -> steps.add(st.get("step").asText()));
        assertTrue(steps.contains("tiles"), "read in tiles: " + steps);
    }

    @Test
    void readsFilesFromDisk() throws Exception {
        Path p = TestImages.write(tmp, "disk.png", TestImages.encode(TestImages.render(TEXT), "png"));
        OcrInput in = loader.load(p);
        assertEquals(p.toString(), in.source());
        assertEquals(TEXT.get(0), engine.recognize(in).text().strip());
        Path empty = Files.createFile(tmp.resolve("empty.png"));
        assertKind(Kind.INPUT_UNREADABLE, "empty", () -> loader.load(empty));
    }

    static void assertKind(Kind kind, String messagePart, org.junit.jupiter.api.function.Executable call) {
        OcrException e = assertThrows(OcrException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "message should mention '" + messagePart + "': " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    /** Inserts an EXIF APP1 segment holding only an orientation tag right after the JPEG's SOI marker. */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at 8
            0, 1,                        // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0                   // no next IFD
        };
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        int len = exif.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        out.write(len >> 8);
        out.write(len & 0xff);
        out.writeBytes(exif);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
