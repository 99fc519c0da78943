package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads every page of one document (an image, a multi-page TIFF, a PDF) and puts the pages
 * together into one {@link OcrResult}: the one loop over a document's pages, used by the library
 * ({@link OcrEngine#recognize(OcrInput)}), the batch runner and the server. Pages are decoded or
 * rendered one at a time, so a long document never sits in memory whole; the document's limits
 * (pages, time) are checked here, before and between pages.
 */
public final class DocumentReader {
    /** What may be spent on one document. */
    public record Limits(int maxPages, long timeoutMillis, boolean keepExistingText) {
        /** No page or time limit; every page recognised. */
        public static final Limits NONE = new Limits(0, 0, false);

        /**
         * @param maxPages         refuse documents with more pages (0: no limit)
         * @param timeoutMillis    give up when the whole document (decoding and every page) takes longer (0: no limit)
         * @param keepExistingText pages that already carry text (a PDF's text layer) keep it instead of being recognised
         */
        public Limits {
            if (maxPages < 0 || timeoutMillis < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
        }
    }

    /** Recognises one page: with an engine, or with one borrowed from a pool. */
    @FunctionalInterface
    public interface PageRecognizer {
        /**
         * @param page           a one-page input
         * @param timeLeftMillis what is left of the document's time budget ({@link Long#MAX_VALUE}: no limit)
         */
        OcrResult recognize(OcrInput page, long timeLeftMillis);
    }

    /** Told about every page as it is done, in page order (e.g. to add it to a searchable PDF). */
    @FunctionalInterface
    public interface PageListener {
        /**
         * @param result what was read on the page
         * @param page   the page itself, decoded or rendered on first call (for pages that kept their
         *               own text, only when asked for)
         */
        void pageDone(PageResult result, Supplier<Page> page) throws IOException;
    }

    private DocumentReader() {
    }

    /**
     * Reads the document.
     *
     * @param src         the pages; not closed
     * @param limits      pages and time allowed
     * @param recognizer  how to read one page
     * @param listener    told about each page (may be null)
     * @param startNanos  when work on this document began ({@link System#nanoTime()}), before
     *                    the source was opened: the time limit and the reported total count from here
     * @param languages   the languages to report when no page was recognised (all kept their own text)
     * @throws OcrException TOO_MANY_PAGES before any work, TIMEOUT when the budget runs out
     */
    public static OcrResult read(PageSource src, Limits limits, PageRecognizer recognizer, PageListener listener, long startNanos,
                                 List<String> languages) throws IOException {
        int count = src.pageCount();
        if (limits.maxPages() > 0 && count > limits.maxPages()) {
            throw new OcrException(Kind.TOO_MANY_PAGES, src.source() + ": " + count + " pages, more than the limit of "
                    + limits.maxPages() + " (--max-pages)");
        }
        List<PageResult> pages = new ArrayList<>(Math.min(count, 1024));
        Set<String> used = new LinkedHashSet<>();  // --lang auto chooses page by page
        long recognizeMs = 0;
        for (int i = 0; i < count; i++) {
            long left = timeLeft(limits, startNanos, src, i, count);
            int index = i;
            if (limits.keepExistingText()) {
                String existing = src.existingText(i);
                if (existing != null) {
                    int[] size = src.pageSize(i);
                    PageResult kept = PageResult.keptText(i + 1, size[0], size[1], src.pageDpi(i), existing);
                    pages.add(kept);
                    if (listener != null) {
                        listener.pageDone(kept, () -> src.page(index));
                    }
                    continue;
                }
            }
            Page page = src.page(i);
            left = timeLeft(limits, startNanos, src, i, count);
            OcrResult r = recognizer.recognize(new OcrInput(src.source(), List.of(page), 0), left);
            PageResult one = r.pages().get(0);
            PageResult pr = one.renumbered(i + 1);
            pages.add(pr);
            used.addAll(r.languages());
            recognizeMs += r.timing().recognizeMillis();
            if (listener != null) {
                listener.pageDone(pr, () -> page);
            }
        }
        long totalMs = (System.nanoTime() - startNanos) / 1_000_000;
        return new OcrResult(src.source(), used.isEmpty() ? languages : List.copyOf(used), pages,
                new OcrResult.Timing(src.loadMillis(), recognizeMs, Math.max(totalMs, src.loadMillis() + recognizeMs)));
    }

    /** Milliseconds left before page {@code index}; throws TIMEOUT when none are. */
    private static long timeLeft(Limits limits, long startNanos, PageSource src, int index, int count) {
        if (limits.timeoutMillis() == 0) {
            return Long.MAX_VALUE;
        }
        long left = limits.timeoutMillis() - (System.nanoTime() - startNanos) / 1_000_000;
        if (left <= 0) {
            throw new OcrException(Kind.TIMEOUT, src.source() + ": did not finish within " + limits.timeoutMillis() + " ms (at page "
                    + (index + 1) + " of " + count + ")");
        }
        return left;
    }
}
