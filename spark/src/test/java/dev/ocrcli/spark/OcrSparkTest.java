package dev.ocrcli.spark;

import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.Inputs;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.result.PageResult;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark API and job on a real local[2] session with the real engine: images in nested
 * folders, a three-page PDF made from the samples, a corrupt file and a file longer than the
 * binaryFile source may read; every row is compared with what {@link OcrEngine} gives directly.
 */
class OcrSparkTest {
    /** binaryFile's limit in this session: the BMP below is longer, so it must be read by path. */
    private static final long MAX_LENGTH = 200_000;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path in;
    static Path samples;
    static final OcrOptions OPTIONS = new OcrOptions().languages("eng").pagesPerTask(2);

    @BeforeAll
    static void start() throws Exception {
        samples = Path.of(System.getProperty("ocrcli.repo.dir", "..")).resolve("samples");
        in = tmp.resolve("in");
        Files.createDirectories(in.resolve("a/b"));
        Files.createDirectories(in.resolve("bad"));
        Files.createDirectories(in.resolve("big"));
        Files.copy(samples.resolve("english.png"), in.resolve("a/english.png"));
        Files.copy(samples.resolve("multilingual.png"), in.resolve("a/b/multilingual.png"));
        Files.write(in.resolve("bad/corrupt.png"), corruptPng());
        byte[] noise = new byte[5000];
        new java.util.Random(15).nextBytes(noise);
        Files.write(in.resolve("bad/noise.jpg"), noise);
        BufferedImage e = ImageIO.read(samples.resolve("english.png").toFile());
        BufferedImage rgb = new BufferedImage(e.getWidth(), e.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        rgb.getGraphics().drawImage(e, 0, 0, null);
        assertTrue(ImageIO.write(rgb, "bmp", in.resolve("big/english.bmp").toFile()));
        assertTrue(Files.size(in.resolve("big/english.bmp")) > MAX_LENGTH, "the BMP is over binaryFile's limit");
        makePdf(in.resolve("a/b/three.pdf"), List.of("english.png", "russian.png", "multilingual.png"));

        spark = SparkSession.builder().master("local[2]").appName("OcrSparkTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.sources.binaryFile.maxLength", "" + MAX_LENGTH)
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static byte[] corruptPng() throws Exception {
        byte[] png = Files.readAllBytes(samples.resolve("english.png"));
        byte[] cut = new byte[png.length / 3];
        System.arraycopy(png, 0, cut, 0, cut.length);
        for (int i = 200; i < cut.length; i += 7) {
            cut[i] ^= 0x5a;
        }
        return cut;
    }

    /** A PDF whose pages are the sample images, each filling a page at 300 dpi. */
    private static void makePdf(Path out, List<String> images) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            for (String name : images) {
                BufferedImage img = ImageIO.read(samples.resolve(name).toFile());
                PDPage page = new PDPage(new PDRectangle(img.getWidth() * 72f / 300, img.getHeight() * 72f / 300));
                doc.addPage(page);
                PDImageXObject x = LosslessFactory.createFromImage(doc, img);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(x, 0, 0, page.getMediaBox().getWidth(), page.getMediaBox().getHeight());
                }
            }
            doc.save(out.toFile());
        }
    }

    private static String name(Row r) {
        String p = r.getString(r.fieldIndex("path"));
        return p.substring(p.indexOf("/in/") + 4);
    }

    private static List<Row> sorted(Dataset<Row> d) {
        List<Row> rows = new ArrayList<>(d.collectAsList());
        rows.sort(Comparator.comparing(OcrSparkTest::name).thenComparing(r -> r.isNullAt(2) ? 0 : r.getInt(2)));
        return rows;
    }

    /** What the engine gives directly: per image file (the CLI's way of loading), per PDF page. */
    private static Map<String, String> direct() {
        Map<String, String> texts = new HashMap<>();
        try (OcrEngine engine = OPTIONS.engine().build()) {
            for (String f : List.of("a/english.png", "a/b/multilingual.png", "big/english.bmp")) {
                texts.put(f + "#1", engine.recognize(in.resolve(f)).pages().get(0).text());
            }
            try (PageSource pdf = new Inputs(0, OPTIONS.pdfDpi()).open(in.resolve("a/b/three.pdf"))) {
                for (int i = 0; i < pdf.pageCount(); i++) {
                    PageResult p = engine.recognize(new OcrInput("three.pdf", List.of(pdf.page(i)), 0)).pages().get(0);
                    texts.put("a/b/three.pdf#" + (i + 1), p.text());
                }
            }
        }
        return texts;
    }

    @Test
    void onePageRowEach_errorsAsRows_sameTextAsTheEngine_parquetRoundTrip() {
        Dataset<Row> pages = OcrSpark.read(spark, in.toString(), OPTIONS).cache();
        List<Row> rows = sorted(pages);
        List<String> keys = new ArrayList<>();
        for (Row r : rows) {
            keys.add(name(r) + "#" + (r.isNullAt(2) ? "-" : r.getInt(2)));
        }
        assertEquals(List.of("a/b/multilingual.png#1", "a/b/three.pdf#1", "a/b/three.pdf#2", "a/b/three.pdf#3",
                "a/english.png#1", "bad/corrupt.png#1", "bad/noise.jpg#-", "big/english.bmp#1"), keys);

        Map<String, String> direct = direct();
        for (Row r : rows) {
            String key = name(r) + "#" + (r.isNullAt(2) ? "-" : r.getInt(2));
            assertNotNull(r.getTimestamp(r.fieldIndex("modificationTime")), key);
            assertTrue(r.getLong(r.fieldIndex("millis")) >= 0, key);
            if (key.startsWith("bad/")) {
                // the truncated PNG opens (its header is whole) and fails on its page; the noise does not open
                String error = r.getString(r.fieldIndex("error"));
                System.err.println("error row: " + error);
                assertNotNull(error, key + " is an error row");
                assertTrue(error.startsWith(r.getString(0)), error);
                assertFalse(error.contains("\n"), error);
                assertTrue(r.isNullAt(r.fieldIndex("text")) && r.isNullAt(r.fieldIndex("words")), key);
                assertEquals(key.startsWith("bad/noise"), r.isNullAt(r.fieldIndex("pages")), key);
                continue;
            }
            assertNull(r.get(r.fieldIndex("error")), key);
            assertEquals(key.contains(".pdf") ? 3 : 1, r.getInt(r.fieldIndex("pages")), key);
            String text = r.getString(r.fieldIndex("text"));
            assertFalse(text.isBlank(), key);
            assertEquals(direct.get(key), text, key + ": the same text as the engine gives directly");
            List<Row> words = r.getList(r.fieldIndex("words"));
            assertFalse(words.isEmpty(), key);
            StringBuilder joined = new StringBuilder();
            for (Row w : words) {
                joined.append(w.getString(0));
                double conf = w.getDouble(1);
                assertTrue(conf >= 0 && conf <= 100, key + " confidence " + conf);
                assertTrue(w.getInt(4) > w.getInt(2) && w.getInt(5) > w.getInt(3), key + " box " + w);
            }
            assertEquals(text.replaceAll("\\s+", ""), joined.toString(), key + ": the words are the text's");
            double c = r.getDouble(r.fieldIndex("confidence"));
            assertTrue(c > 0 && c <= 100, key + " confidence " + c);
        }

        Path parquet = tmp.resolve("pages.parquet");
        pages.write().parquet(parquet.toString());
        Dataset<Row> back = spark.read().parquet(parquet.toString());
        assertEquals(OcrSpark.SCHEMA.fieldNames().length, back.schema().fieldNames().length);
        assertEquals(List.of(OcrSpark.SCHEMA.fieldNames()), List.of(back.schema().fieldNames()));
        List<Row> again = sorted(back);
        assertEquals(rows.size(), again.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).toString(), again.get(i).toString(), "row " + i + " survives Parquet");
        }
        pages.unpersist();
    }

    @Test
    void jobWritesJsonAndResumeSkipsWhatIsThere() throws Exception {
        Path jobIn = tmp.resolve("job-in");
        Files.createDirectories(jobIn.resolve("sub"));
        Files.copy(samples.resolve("english.png"), jobIn.resolve("sub/one.png"));
        String out = tmp.resolve("job-out").toString();
        OcrJob.Args args = OcrJob.parse(new String[] {jobIn.toString(), out, "--lang", "eng", "--format", "json", "--resume"});

        long[] first = OcrJob.run(spark, args);
        assertEquals(1, first[0], "one page");
        assertEquals(0, first[1], "no error");
        assertEquals(0, first[2], "nothing to skip in a new OUT");

        long[] again = OcrJob.run(spark, args);
        assertEquals(1, again[0], "nothing added");
        assertEquals(1, again[2], "the input already in OUT is skipped");

        Files.copy(samples.resolve("multilingual.png"), jobIn.resolve("two.png"));
        Files.setLastModifiedTime(jobIn.resolve("sub/one.png"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        long[] third = OcrJob.run(spark, args);
        assertEquals(1 + 2, third[0], "the new file and the changed one are read, the old row stays");
        assertEquals(0, third[2]);
        Dataset<Row> all = spark.read().schema(OcrSpark.SCHEMA).json(out);
        assertEquals(2, all.where(col("path").endsWith("one.png")).select("modificationTime").distinct().count());
        try (OcrEngine engine = OPTIONS.engine().build()) {
            String expected = engine.recognize(jobIn.resolve("two.png")).pages().get(0).text();
            assertEquals(expected, all.where(col("path").endsWith("two.png")).first().getString(4));
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyTask() {
        assertEquals("--format must be json or parquet, not 'csv'",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> OcrJob.parse(new String[] {"in", "out", "--format", "csv"})).getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> OcrSpark.read(spark, in.toString(), new OcrOptions().preprocess("no-such-step")));
    }
}
