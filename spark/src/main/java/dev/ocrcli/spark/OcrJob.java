package dev.ocrcli.spark;

import dev.ocrcli.OcrException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The Spark job: recognises every file under IN and writes one row per page to OUT.
 *
 * <pre>
 * spark-submit --class dev.ocrcli.spark.OcrJob ocr-spark.jar IN OUT [--lang LANGS] [--preprocess STEPS]
 *     [--psm N] [--pdf-dpi N] [--format json|parquet] [--resume] [--pages-per-task N]
 *     [--inline-limit BYTES] [--partitions N]
 * </pre>
 *
 * Without {@code --resume}, OUT must not exist (exit code 2 if it does). With it, inputs already in OUT (same path and
 * modification time) are skipped and the new rows are appended. Exit codes: 0 done (pages that
 * failed are error rows in OUT, counted on stderr), 2 bad arguments, 1 the job itself failed.
 */
public final class OcrJob {
    static final int EXIT_USAGE = 2;

    private OcrJob() {}

    /** Parsed arguments. */
    record Args(String in, String out, OcrOptions options, String format, boolean resume) {}

    public static void main(String[] argv) {
        Args a;
        try {
            a = parse(argv);
            a.options().engine();
        } catch (IllegalArgumentException | OcrException e) {
            System.err.println("ocr-cli: error: " + e.getMessage());
            System.err.println("usage: OcrJob IN OUT [--lang LANGS] [--preprocess STEPS] [--psm N] [--pdf-dpi N]"
                    + " [--format json|parquet] [--resume] [--pages-per-task N] [--inline-limit BYTES] [--partitions N]");
            System.exit(EXIT_USAGE);
            return;
        }
        long t0 = System.nanoTime();
        SparkSession spark = SparkSession.builder().appName("ocr-cli " + a.in()).getOrCreate();
        long t1 = System.nanoTime();
        int exit = 0;
        try {
            if (!a.resume() && exists(spark, a.out())) {
                System.err.println("ocr-cli: error: " + a.out() + " exists; add --resume to add what is missing to it");
                exit = EXIT_USAGE;
                return;
            }
            long[] counts = run(spark, a);
            long t2 = System.nanoTime();
            System.err.printf("ocr-spark: %s holds %d page rows (%d error rows); %d inputs skipped as already there%n",
                    a.out(), counts[0], counts[1], counts[2]);
            System.err.printf(java.util.Locale.ROOT, "ocr-spark: session start-up %.1f s, job %.1f s%n",
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        } finally {
            spark.stop();
            if (exit != 0) {
                System.exit(exit);
            }
        }
    }

    /** Runs the job; returns {page rows in OUT now, of which error rows, inputs skipped by --resume}. */
    static long[] run(SparkSession spark, Args a) {
        Dataset<Row> files;
        long skipped = 0;
        Dataset<Row> done = a.resume() && exists(spark, a.out()) ? spark.read().schema(OcrSpark.SCHEMA).format(a.format()).load(a.out()) : null;
        if (done == null) {
            files = OcrSpark.files(spark, a.in(), a.options());
        } else {
            // only the listing: inputs to skip are never read; the rest are read by path
            Dataset<Row> listing = spark.read().format("binaryFile").option("recursiveFileLookup", "true").load(a.in())
                    .select("path", "modificationTime", "length");
            Dataset<Row> seen = done.select("path", "modificationTime").distinct();
            files = listing.join(seen, listing.col("path").equalTo(seen.col("path"))
                            .and(listing.col("modificationTime").equalTo(seen.col("modificationTime"))), "left_anti");
            files = files.cache();
            long todo = files.count();
            skipped = listing.count() - todo;
            if (todo == 0) {
                Dataset<Row> all = spark.read().schema(OcrSpark.SCHEMA).format(a.format()).load(a.out());
                files.unpersist();
                return new long[] {all.count(), all.where(col("error").isNotNull()).count(), skipped};
            }
        }
        Dataset<Row> pages = OcrSpark.recognize(files, a.options());
        // rows are counted from what was written, not by running the work twice
        pages.write().mode(done == null && !a.resume() ? SaveMode.ErrorIfExists : SaveMode.Append).format(a.format()).save(a.out());
        Dataset<Row> all = spark.read().schema(OcrSpark.SCHEMA).format(a.format()).load(a.out());
        long total = all.count();
        long errors = all.where(col("error").isNotNull()).count();
        if (files.storageLevel().useMemory()) {
            files.unpersist();
        }
        return new long[] {total, errors, skipped};
    }

    private static boolean exists(SparkSession spark, String out) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot look at " + out + ": " + e.getMessage(), e);
        }
    }

    static Args parse(String[] argv) {
        List<String> pos = new ArrayList<>();
        OcrOptions o = new OcrOptions();
        String format = "parquet";
        boolean resume = false;
        for (int i = 0; i < argv.length; i++) {
            String s = argv[i];
            String name = s;
            String value = null;
            int eq = s.indexOf('=');
            if (s.startsWith("--") && eq > 0) {
                name = s.substring(0, eq);
                value = s.substring(eq + 1);
            }
            switch (name) {
                case "--resume" -> resume = true;
                case "-l", "--lang", "--preprocess", "--psm", "--pdf-dpi", "--format", "--pages-per-task", "--inline-limit",
                     "--partitions", "--tessdata" -> {
                    if (value == null) {
                        if (i + 1 >= argv.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = argv[++i];
                    }
                    switch (name) {
                        case "-l", "--lang" -> o.languages(value);
                        case "--preprocess" -> o.preprocess(value);
                        case "--psm" -> o.pageSegMode(number(name, value));
                        case "--pdf-dpi" -> {
                            int d = number(name, value);
                            if (d < 36 || d > 1200) {
                                throw new IllegalArgumentException("--pdf-dpi must be 36..1200, not " + d);
                            }
                            o.pdfDpi(d);
                        }
                        case "--format" -> {
                            if (!value.equals("json") && !value.equals("parquet")) {
                                throw new IllegalArgumentException("--format must be json or parquet, not '" + value + "'");
                            }
                            format = value;
                        }
                        case "--pages-per-task" -> o.pagesPerTask(positive(name, value));
                        case "--inline-limit" -> o.inlineLimit(Long.parseLong(value));
                        case "--partitions" -> o.partitions(positive(name, value));
                        case "--tessdata" -> o.tessdata(value);
                        default -> throw new IllegalStateException(name);
                    }
                }
                default -> {
                    if (s.startsWith("-") && s.length() > 1) {
                        throw new IllegalArgumentException("unknown option '" + s + "'");
                    }
                    pos.add(s);
                }
            }
        }
        if (pos.size() != 2) {
            throw new IllegalArgumentException("expected IN and OUT, got " + pos.size() + " arguments");
        }
        return new Args(pos.get(0), pos.get(1), o, format, resume);
    }

    private static int number(String name, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, not '" + v + "'");
        }
    }

    private static int positive(String name, String v) {
        int n = number(name, v);
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + n);
        }
        return n;
    }
}
