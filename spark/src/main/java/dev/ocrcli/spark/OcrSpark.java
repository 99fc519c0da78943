package dev.ocrcli.spark;

import dev.ocrcli.OcrException;
import dev.ocrcli.engine.EnginePool;
import dev.ocrcli.image.Inputs;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.image.PdfLoader;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.result.Word;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * ocr-cli's engine over a Spark {@code Dataset}: one output row per page (see {@link #SCHEMA}).
 *
 * <pre>{@code
 * Dataset<Row> pages = OcrSpark.read(spark, "s3a://archive/scans/", new OcrOptions().languages("eng+rus"));
 * pages.write().parquet("s3a://archive/ocr/");
 * }</pre>
 *
 * <p>A file or page that cannot be read becomes a row with {@code error} set; the job never fails
 * for one input. Each executor JVM keeps a lazily filled {@link EnginePool} per set of engine
 * options: an engine is built by the first task thread that needs one, then reused by every later
 * task and partition (so models load once per executor core, not once per task). PDFs are split
 * into ranges of {@link OcrOptions#pagesPerTask} pages before the work is spread over partitions.
 * Files longer than {@link OcrOptions#inlineLimit} are read by path on the executor, not through
 * the {@code content} column.
 */
public final class OcrSpark {
    /** One word: its text, confidence 0..100 and box in the page's pixels. */
    public static final StructType WORD = new StructType()
            .add("text", DataTypes.StringType, false)
            .add("confidence", DataTypes.DoubleType, false)
            .add("x0", DataTypes.IntegerType, false)
            .add("y0", DataTypes.IntegerType, false)
            .add("x1", DataTypes.IntegerType, false)
            .add("y1", DataTypes.IntegerType, false);

    /**
     * The rows {@link #read} and {@link #recognize} return, one per page. {@code page} (1-based) and
     * {@code pages} are null when the file could not be opened at all; {@code text},
     * {@code confidence} and {@code words} are null when {@code error} is set; {@code millis} is
     * the time spent on the page (or on the failed file). {@code modificationTime} is the input's,
     * what {@code OcrJob --resume} compares.
     */
    public static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("modificationTime", DataTypes.TimestampType, true)
            .add("page", DataTypes.IntegerType, true)
            .add("pages", DataTypes.IntegerType, true)
            .add("text", DataTypes.StringType, true)
            .add("confidence", DataTypes.DoubleType, true)
            .add("words", DataTypes.createArrayType(WORD, false), true)
            .add("error", DataTypes.StringType, true)
            .add("millis", DataTypes.LongType, false);

    /** A piece of work: pages [first, first + count) of one file (count -1: all of them). */
    static final StructType UNIT = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("modificationTime", DataTypes.TimestampType, true)
            .add("content", DataTypes.BinaryType, true)
            .add("first", DataTypes.IntegerType, false)
            .add("count", DataTypes.IntegerType, false);

    private static final String MAX_LENGTH = "spark.sql.sources.binaryFile.maxLength";

    private OcrSpark() {}

    /** Reads every file under {@code path} (sub-folders included) and recognises it. */
    public static Dataset<Row> read(SparkSession spark, String path, OcrOptions options) {
        return recognize(files(spark, path, options), options);
    }

    /**
     * The files under {@code path}, sub-folders included, as the {@code binaryFile} source gives
     * them ({@code path}, {@code modificationTime}, {@code length}, {@code content}), with
     * {@code content} null for files longer than the inline limit (or than
     * {@code spark.sql.sources.binaryFile.maxLength}): those are never read by the scan, which
     * would fail the whole task on them, but by path on the executor.
     */
    public static Dataset<Row> files(SparkSession spark, String path, OcrOptions options) {
        Dataset<Row> all = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(path);
        long limit = Math.min(options.inlineLimit(), Long.parseLong(spark.conf().get(MAX_LENGTH, "" + Integer.MAX_VALUE)));
        // the length filters are pushed into the binaryFile scan, which applies them before reading content
        Dataset<Row> small = all.where(col("length").leq(limit)).select("path", "modificationTime", "length", "content");
        Dataset<Row> large = all.where(col("length").gt(limit))
                .select(col("path"), col("modificationTime"), col("length"), lit(null).cast(DataTypes.BinaryType).as("content"));
        return small.unionByName(large);
    }

    /**
     * Recognises the files of a {@code binaryFile}-shaped dataset: {@code path} is required;
     * {@code content}, {@code modificationTime} and {@code length} are used when present (a row
     * without content, or longer than the inline limit, is read by path on the executor, through
     * Hadoop's file systems for non-local paths).
     */
    public static Dataset<Row> recognize(Dataset<Row> binaryFiles, OcrOptions options) {
        options.engine();  // a bad option fails here, on the driver, before any task
        Set<String> cols = Set.of(binaryFiles.columns());
        if (!cols.contains("path")) {
            throw new IllegalArgumentException("the dataset needs a 'path' column, as the binaryFile source gives; it has "
                    + Arrays.toString(binaryFiles.columns()));
        }
        Column length = cols.contains("length") ? col("length") : lit(-1L);
        Column content = cols.contains("content") ? col("content") : lit(null).cast(DataTypes.BinaryType);
        Column modified = cols.contains("modificationTime") ? col("modificationTime") : lit(null).cast(DataTypes.TimestampType);
        Dataset<Row> in = binaryFiles.select(col("path"), modified.as("modificationTime"), length.as("length"), content.as("content"));
        int partitions = options.partitions() > 0 ? options.partitions()
                : Math.max(in.rdd().getNumPartitions(), 4 * binaryFiles.sparkSession().sparkContext().defaultParallelism());
        return in.flatMap(new Split(options), Encoders.row(UNIT))
                .repartition(partitions)
                .mapPartitions(new Recognize(options), Encoders.row(SCHEMA));
    }

    /** Cuts a PDF into page ranges; every other file is one unit. Runs on the executors. */
    static final class Split implements FlatMapFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final OcrOptions options;

        Split(OcrOptions options) {
            this.options = options;
        }

        @Override
        public Iterator<Row> call(Row r) {
            String path = r.getString(0);
            Timestamp modified = r.isNullAt(1) ? null : r.getTimestamp(1);
            long length = r.isNullAt(2) ? -1 : r.getLong(2);
            byte[] content = r.isNullAt(3) || length > options.inlineLimit() ? null : (byte[]) r.get(3);
            int pages = -1;
            try {
                PdfLoader pdf = new PdfLoader(options.pdfDpi(), options.maxPixels());
                if (content != null) {
                    if (Inputs.isPdf(content)) {
                        try (PageSource s = pdf.open(content, path)) {
                            pages = s.pageCount();
                        }
                    }
                } else {
                    try (InputFile f = InputFile.of(path)) {
                        if (Inputs.isPdf(f.path())) {
                            try (PageSource s = pdf.open(f.path())) {
                                pages = s.pageCount();
                            }
                        }
                    }
                }
            } catch (RuntimeException | java.io.IOException e) {
                pages = -1;  // the recognising task opens it again and reports why it cannot
            }
            int per = options.pagesPerTask();
            List<Row> units = new ArrayList<>();
            if (pages <= per) {
                units.add(RowFactory.create(path, modified, content, 0, -1));
            } else {
                // ranges read the file by path: one copy of a long PDF per range would be costly to shuffle
                for (int first = 0; first < pages; first += per) {
                    units.add(RowFactory.create(path, modified, null, first, Math.min(per, pages - first)));
                }
            }
            return units.iterator();
        }
    }

    /** Recognises the units of one partition, page by page, with an engine of the executor's pool. */
    static final class Recognize implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final OcrOptions options;

        Recognize(OcrOptions options) {
            this.options = options;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> units) {
            Inputs inputs = new Inputs(options.maxPixels(), options.pdfDpi());
            return new Iterator<>() {
                private final ArrayDeque<Row> ready = new ArrayDeque<>();

                @Override
                public boolean hasNext() {
                    while (ready.isEmpty() && units.hasNext()) {
                        ready.addAll(unit(inputs, units.next()));
                    }
                    return !ready.isEmpty();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.poll();
                }
            };
        }

        private List<Row> unit(Inputs inputs, Row u) {
            String path = u.getString(0);
            Timestamp modified = u.isNullAt(1) ? null : u.getTimestamp(1);
            byte[] content = u.isNullAt(2) ? null : (byte[]) u.get(2);
            int first = u.getInt(3);
            int count = u.getInt(4);
            List<Row> rows = new ArrayList<>();
            long t0 = System.nanoTime();
            InputFile file = null;
            PageSource src = null;
            try {
                EnginePool pool = Engines.pool(options);
                if (content != null) {
                    src = inputs.open(content, path);
                } else {
                    file = InputFile.of(path);
                    src = inputs.open(file.path());
                }
                int n = src.pageCount();
                int end = count < 0 ? n : Math.min(n, first + count);
                for (int i = first; i < end; i++) {
                    long p0 = System.nanoTime();
                    try {
                        Page page = src.page(i);
                        PageResult pr = pool.withEngine(e -> e.recognize(new OcrInput(path, List.of(page), 0))).pages().get(0);
                        rows.add(RowFactory.create(path, modified, i + 1, n, pr.text(), pr.meanConfidence(), words(pr), null,
                                millisSince(p0)));
                    } catch (RuntimeException | LinkageError e) {
                        rows.add(RowFactory.create(path, modified, i + 1, n, null, null, null, message(e, file, path), millisSince(p0)));
                    }
                }
            } catch (RuntimeException | LinkageError | java.io.IOException e) {
                rows.add(RowFactory.create(path, modified, null, null, null, null, null, message(e, file, path), millisSince(t0)));
            } finally {
                if (src != null) {
                    src.close();
                }
                if (file != null) {
                    file.close();
                }
            }
            return rows;
        }
    }

    /** The words as an array column: a {@code Row[]}, which Spark's row encoder takes (a java.util.List it does not). */
    static Row[] words(PageResult page) {
        List<Word> ws = page.words();
        Row[] out = new Row[ws.size()];
        for (int i = 0; i < out.length; i++) {
            Word w = ws.get(i);
            out[i] = RowFactory.create(w.text(), w.confidence(), w.box().x0(), w.box().y0(), w.box().x1(), w.box().y1());
        }
        return out;
    }

    /** One line naming the input by its path, as the CLI's messages do. */
    static String message(Throwable e, InputFile file, String path) {
        String m = e instanceof OcrException ? String.valueOf(e.getMessage()) : e.getClass().getSimpleName() + ": " + e.getMessage();
        if (file != null && m.startsWith(file.path().toString())) {
            m = path + m.substring(file.path().toString().length());  // the input's name, not the local or temporary copy's
        }
        if (!m.startsWith(path)) {
            m = path + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
