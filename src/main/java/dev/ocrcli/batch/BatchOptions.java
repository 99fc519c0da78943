package dev.ocrcli.batch;

import dev.ocrcli.engine.Region;
import dev.ocrcli.output.OutputFormat;

import java.nio.file.Path;
import java.util.List;

/**
 * How a batch runs.
 *
 * @param jobs         engines (and threads) at most; fewer when there are fewer inputs
 * @param recycleAfter rebuild an engine after this many pages (0: never)
 * @param regions      rectangles to recognise on every page (empty: the whole page)
 * @param outputDir    where per-input files go (null: none)
 * @param fileFormats  formats written under {@code outputDir}, one file each per input
 * @param stdoutFormat the format streamed on standard output in input order (null: nothing)
 * @param skipExisting leave out inputs whose output files all exist already
 * @param pdfDpi       resolution PDF pages are rendered at
 * @param pdfText      what to do with PDF pages that already carry text
 * @param maxPixels    refuse pages with more pixels (0: no fixed limit)
 * @param maxPages     refuse inputs with more pages, before any is read (0: no limit)
 */
public record BatchOptions(int jobs, int recycleAfter, List<Region> regions, Path outputDir, List<OutputFormat> fileFormats,
                           OutputFormat stdoutFormat, boolean skipExisting, int pdfDpi, PdfText pdfText, long maxPixels, int maxPages) {
    /** What happens to PDF pages that have a text layer already. */
    public enum PdfText {
        /** Recognise every page (the default; same as --force-ocr). */
        OCR_ALL,
        /** Keep the page's own text and do not recognise it. */
        SKIP
    }

    public BatchOptions {
        regions = List.copyOf(regions);
        fileFormats = List.copyOf(fileFormats);
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
        if (!fileFormats.isEmpty() && outputDir == null) {
            throw new IllegalArgumentException("file formats need an output directory");
        }
        if (maxPages < 0) {
            throw new IllegalArgumentException("maxPages must not be negative");
        }
    }

    /** Options without a page limit. */
    public BatchOptions(int jobs, int recycleAfter, List<Region> regions, Path outputDir, List<OutputFormat> fileFormats,
                        OutputFormat stdoutFormat, boolean skipExisting, int pdfDpi, PdfText pdfText, long maxPixels) {
        this(jobs, recycleAfter, regions, outputDir, fileFormats, stdoutFormat, skipExisting, pdfDpi, pdfText, maxPixels, 0);
    }
}
