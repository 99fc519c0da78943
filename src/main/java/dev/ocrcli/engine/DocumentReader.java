package dev.ocrcli.engine;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import dev.ocrcli.util.Futures;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reads every page of one document (an image, a multi-page TIFF, a PDF) and puts the pages
 * together into one {@link OcrResult}: the one loop over a document's pages, used by the library
 * ({@link OcrEngine#recognize(OcrInput)}), the batch runner and the server. Pages are decoded or
 * rendered one at a time, so a long document never sits in memory whole; the document's limits
 * (pages, time) are checked here, before and between pages. With a {@link Parallel} the pages of
 * one document are recognised on several engines at once (decoding stays in order on the
 * calling thread), so a 300-page TIFF keeps every free engine busy.
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

    /**
     * How one document's pages may be spread over engines: decoded or rendered in page order on
     * the calling thread (PDFBox documents and image readers are not thread-safe), recognised by
     * up to {@code pages} tasks at once on {@code executor}, results still in page order.
     *
     * @param executor runs the recognition of a page (each task borrows its own engine, so the
     *                 pool bounds the engines busy); must not be an executor whose threads may
     *                 all be waiting in this method
     * @param pages    pages recognised at once (1: one after another on the calling thread)
     */
    public record Parallel(Executor executor, int pages) {
        /** One page after another on the calling thread. */
        public static final Parallel NONE = new Parallel(null, 1);

        public Parallel {
            if (pages < 1) {
                throw new IllegalArgumentException("pages must be at least 1");
            }
            if (pages > 1 && executor == null) {
                throw new IllegalArgumentException("parallel pages need an executor");
            }
        }
    }

    private DocumentReader() {
    }

    /**
     * Reads the document, one page after another on the calling thread.
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
        return read(src, limits, recognizer, listener, startNanos, languages, Parallel.NONE);
    }

    /**
     * Reads the document with its pages spread over engines as {@code parallel} allows: pages are
     * decoded in order on this thread while earlier ones are recognised; at most
     * {@code parallel.pages() + 1} pages are decoded and not yet delivered at any time, so memory
     * stays bounded however long the document. The listener is called on this thread, in page
     * order. A failure is that of the first failing page in page order; pages still being
     * recognised then are waited for (each is bounded by the engine's own deadline) and the rest
     * are not started. A one-page document is read on this thread alone.
     *
     * @see #read(PageSource, Limits, PageRecognizer, PageListener, long, List)
     */
    public static OcrResult read(PageSource src, Limits limits, PageRecognizer recognizer, PageListener listener, long startNanos,
                                 List<String> languages, Parallel parallel) throws IOException {
        int count = src.pageCount();
        if (limits.maxPages() > 0 && count > limits.maxPages()) {
            throw new OcrException(Kind.TOO_MANY_PAGES, src.source() + ": " + count + " pages, more than the limit of "
                    + limits.maxPages() + " (--max-pages)");
        }
        Collector out = new Collector(src, listener, count);
        boolean oneByOne = parallel.pages() <= 1 || count == 1;
        if (oneByOne) {
            for (int i = 0; i < count; i++) {
                timeLeft(limits, startNanos, src, i, count);
                PageResult kept = keptText(src, limits, i);
                if (kept != null) {
                    out.kept(kept);
                    continue;
                }
                Page page = src.page(i);
                long left = timeLeft(limits, startNanos, src, i, count);
                out.recognized(i, page, recognizer.recognize(new OcrInput(src.source(), List.of(page), 0), left));
            }
        } else {
            readInParallel(src, limits, recognizer, startNanos, parallel, out);
        }
        long totalMs = (System.nanoTime() - startNanos) / 1_000_000;
        // pages recognised side by side add up to more engine time than passed on the clock
        long reported = oneByOne ? Math.max(totalMs, src.loadMillis() + out.recognizeMs) : totalMs;
        return new OcrResult(src.source(), out.used.isEmpty() ? languages : List.copyOf(out.used), out.pages,
                new OcrResult.Timing(src.loadMillis(), out.recognizeMs, reported));
    }

    /** The page's own text as its result, when the limits say to keep it and it has some; else null. */
    private static PageResult keptText(PageSource src, Limits limits, int i) {
        if (!limits.keepExistingText()) {
            return null;
        }
        String existing = src.existingText(i);
        if (existing == null) {
            return null;
        }
        int[] size = src.pageSize(i);
        return PageResult.keptText(i + 1, size[0], size[1], src.pageDpi(i), existing);
    }

    /** Gathers the pages' results in order and tells the listener. */
    private static final class Collector {
        final PageSource src;
        final PageListener listener;
        final List<PageResult> pages;
        final Set<String> used = new LinkedHashSet<>();  // --lang auto chooses page by page
        long recognizeMs;

        Collector(PageSource src, PageListener listener, int count) {
            this.src = src;
            this.listener = listener;
            this.pages = new ArrayList<>(Math.min(count, 1024));
        }

        void kept(PageResult kept) throws IOException {
            pages.add(kept);
            if (listener != null) {
                int index = kept.pageNumber() - 1;
                listener.pageDone(kept, () -> src.page(index));
            }
        }

        void recognized(int i, Page page, OcrResult r) throws IOException {
            PageResult one = r.pages().get(0);
            PageResult pr = one.renumbered(i + 1);
            pages.add(pr);
            used.addAll(r.languages());
            recognizeMs += r.timing().recognizeMillis();
            if (listener != null) {
                listener.pageDone(pr, () -> page);
            }
        }
    }

    /** One page on its way: its own text, or its recognition running (or waiting) on the executor. */
    private static final class Slot implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int CANCELLED = 2;

        final int index;
        final PageResult kept;
        final Page page;
        final CompletableFuture<OcrResult> result = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        private final Supplier<OcrResult> work;

        Slot(int index, PageResult kept, Page page, Supplier<OcrResult> work) {
            this.index = index;
            this.kept = kept;
            this.page = page;
            this.work = work;
        }

        @Override
        public void run() {
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                return;
            }
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }

        /** Stops a page not started yet; a running one finishes (native recognition cannot be stopped). */
        void cancel() {
            if (state.compareAndSet(QUEUED, CANCELLED)) {
                result.cancel(false);
            }
        }

        /** Waits for a running page to end, whatever its outcome. */
        void awaitQuietly() {
            try {
                result.join();
            } catch (RuntimeException e) {
                // its failure is not the one reported
            }
        }
    }

    private static void readInParallel(PageSource src, Limits limits, PageRecognizer recognizer, long startNanos, Parallel parallel,
                                       Collector out) throws IOException {
        int count = src.pageCount();
        int window = parallel.pages() + 1;
        Deque<Slot> pending = new ArrayDeque<>();
        RuntimeException decodeFailure = null;
        boolean ok = false;
        try {
            int next = 0;
            while (next < count || !pending.isEmpty()) {
                while (decodeFailure == null && next < count && pending.size() < window) {
                    int i = next++;
                    Slot slot;
                    try {
                        timeLeft(limits, startNanos, src, i, count);
                        PageResult kept = keptText(src, limits, i);
                        if (kept != null) {
                            slot = new Slot(i, kept, null, null);
                        } else {
                            Page page = src.page(i);
                            OcrInput one = new OcrInput(src.source(), List.of(page), 0);
                            slot = new Slot(i, null, page, () -> recognizer.recognize(one, timeLeft(limits, startNanos, src, i, count)));
                        }
                    } catch (RuntimeException e) {
                        // reported after the pages before it: a failure of theirs comes first, as it would one by one
                        decodeFailure = e;
                        break;
                    }
                    pending.add(slot);
                    if (slot.kept == null) {
                        try {
                            parallel.executor().execute(slot);
                        } catch (RejectedExecutionException e) {
                            slot.run();
                        }
                    }
                }
                Slot head = pending.poll();
                if (head == null) {
                    break;
                }
                if (head.kept != null) {
                    out.kept(head.kept);
                } else {
                    out.recognized(head.index, head.page, await(head, src));
                }
            }
            if (decodeFailure != null) {
                throw decodeFailure;
            }
            ok = true;
        } finally {
            if (!ok) {
                for (Slot s : pending) {
                    s.cancel();
                }
                for (Slot s : pending) {
                    s.awaitQuietly();
                }
            }
        }
    }

    private static OcrResult await(Slot slot, PageSource src) {
        try {
            return slot.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException(Kind.INTERRUPTED, src.source() + ": interrupted");
        } catch (ExecutionException e) {
            Exception c = Futures.cause(e);
            throw c instanceof RuntimeException re ? re : new IllegalStateException(c);
        }
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
