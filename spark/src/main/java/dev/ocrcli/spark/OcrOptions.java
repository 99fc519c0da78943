package dev.ocrcli.spark;

import dev.ocrcli.engine.OcrEngine;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What {@link OcrSpark} reads with: the engine's options (the CLI's {@code --lang},
 * {@code --preprocess}, {@code --psm}, ...) and how the work is cut into tasks. Serialisable: it
 * travels to the executors, which build their engines from it. The setters return this object.
 */
public final class OcrOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Default {@link #inlineLimit}: files up to 64 MiB travel in the {@code content} column. */
    public static final long DEFAULT_INLINE_LIMIT = 64L << 20;

    private String languages = "eng";
    private String preprocess = "auto";
    private int psm = 3;
    private int oem = 3;
    private int dpi;
    private int pdfDpi = 300;
    private int maxImageSize;
    private long maxPixels;
    private long timeoutMillis;
    private String tessdata;
    private long inlineLimit = DEFAULT_INLINE_LIMIT;
    private int pagesPerTask = 4;
    private int partitions;
    private int recycleAfter;

    /** Languages as the CLI's {@code --lang}: {@code eng}, {@code eng+rus}, {@code auto}. */
    public OcrOptions languages(String spec) {
        languages = spec;
        return this;
    }

    /** Preprocessing as the CLI's {@code --preprocess}: {@code auto}, {@code none}, or step names. */
    public OcrOptions preprocess(String spec) {
        preprocess = spec;
        return this;
    }

    public OcrOptions pageSegMode(int psm) {
        this.psm = psm;
        return this;
    }

    public OcrOptions engineMode(int oem) {
        this.oem = oem;
        return this;
    }

    /** Resolution to assume for every image (0: the files' own). */
    public OcrOptions dpi(int dpi) {
        this.dpi = dpi;
        return this;
    }

    /** Resolution PDF pages are rendered at (the CLI's {@code --pdf-dpi}, default 300). */
    public OcrOptions pdfDpi(int dpi) {
        this.pdfDpi = dpi;
        return this;
    }

    public OcrOptions maxImageSize(int pixels) {
        this.maxImageSize = pixels;
        return this;
    }

    public OcrOptions maxPixels(long pixels) {
        this.maxPixels = pixels;
        return this;
    }

    /** Give up a page after this many milliseconds (0: no limit); the page becomes an error row. */
    public OcrOptions timeoutMillis(long millis) {
        this.timeoutMillis = millis;
        return this;
    }

    /** A directory searched first for language models, present on every executor. */
    public OcrOptions tessdata(String dir) {
        this.tessdata = dir;
        return this;
    }

    /**
     * Files longer than this many bytes are not carried in the {@code content} column: the executor
     * reads them by path (default {@value #DEFAULT_INLINE_LIMIT}).
     */
    public OcrOptions inlineLimit(long bytes) {
        this.inlineLimit = bytes;
        return this;
    }

    /** Pages of a PDF per task: a long PDF becomes several tasks of this many pages (default 4). */
    public OcrOptions pagesPerTask(int pages) {
        this.pagesPerTask = Math.max(1, pages);
        return this;
    }

    /** Partitions the work is spread over (0, the default: four times the default parallelism, or the input's partitions if more; pages take seconds, so small tasks balance better and cost little). */
    public OcrOptions partitions(int n) {
        this.partitions = Math.max(0, n);
        return this;
    }

    /** Rebuild an engine after this many pages, to bound memory Tesseract keeps (0, the default: never). */
    public OcrOptions recycleAfter(int pages) {
        this.recycleAfter = Math.max(0, pages);
        return this;
    }

    public String languages() {
        return languages;
    }

    public String preprocess() {
        return preprocess;
    }

    public int pdfDpi() {
        return pdfDpi;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public long inlineLimit() {
        return inlineLimit;
    }

    public int pagesPerTask() {
        return pagesPerTask;
    }

    public int partitions() {
        return partitions;
    }

    public int recycleAfter() {
        return recycleAfter;
    }

    /**
     * The engine these options describe, not built: the builder checks every value, so calling
     * this on the driver reports a bad option before any task runs.
     */
    public OcrEngine.Builder engine() {
        OcrEngine.Builder b = OcrEngine.builder().languages(languages).preprocess(preprocess).pageSegMode(psm)
                .engineMode(oem).dpi(dpi).maxImageSize(maxImageSize).maxPixels(maxPixels).timeoutMillis(timeoutMillis);
        if (tessdata != null && !tessdata.isBlank()) {
            b.tessdata(Path.of(tessdata));
        }
        return b;
    }

    /** Identifies the engine options: executors keep one engine pool per key. */
    String engineKey() {
        return String.join("\u0000", languages, preprocess, "" + psm, "" + oem, "" + dpi, "" + maxImageSize,
                "" + maxPixels, "" + timeoutMillis, String.valueOf(tessdata), "" + recycleAfter);
    }
}
