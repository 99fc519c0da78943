package dev.ocrcli.batch;

import dev.ocrcli.OcrException;
import dev.ocrcli.OcrException.Kind;
import dev.ocrcli.engine.DocumentReader;
import dev.ocrcli.engine.EnginePool;
import dev.ocrcli.engine.OcrEngine;
import dev.ocrcli.image.GrayImage;
import dev.ocrcli.image.Inputs;
import dev.ocrcli.image.OcrInput;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.output.PdfWriter;
import dev.ocrcli.result.OcrResult;
import dev.ocrcli.result.PageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Recognises many inputs with every core and writes the results in input order.
 *
 * <p>A fixed set of worker threads (at most {@code jobs}, never more than there are inputs)
 * each borrows an engine from a lazily built {@link EnginePool}: models load once per engine, in
 * the background while the first inputs decode. A worker reads its input (a PDF page by page),
 * recognises it, writes its files under the output directory atomically, and renders what goes to
 * standard output; the calling thread then emits the outcomes strictly in input order. A bounded
 * number of inputs is in flight (the reorder window, see {@link #window}), so memory stays bounded
 * however long the batch, and one slow input (a large page among small ones) only holds back
 * output, not the other workers.
 *
 * <p>A failing input is reported and the batch goes on; a failure to load the engine at all
 * (missing language, no native library) stops the batch with that exception. Knows nothing of the
 * command line.
 */
public final class BatchRunner {
    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);

    private final OcrEngine.Builder builder;
    private final BatchOptions opt;

    public BatchRunner(OcrEngine.Builder builder, BatchOptions options) {
        this.builder = builder;
        this.opt = options;
    }

    private record Outcome(BatchItem item, OcrResult result, byte[] stdout, Throwable error, boolean skipped) {}

    /**
     * Runs the batch.
     *
     * @param items    the inputs, in order
     * @param stdout   where {@link BatchOptions#stdoutFormat()} goes (not closed)
     * @param listener told about each input in order (may be null)
     * @param progress the progress bar (may be null)
     * @return the counts and the first failure
     * @throws OcrException when no engine can be built (nothing was recognised then)
     */
    public BatchSummary run(List<BatchItem> items, OutputStream stdout, BatchListener listener, Progress progress) {
        long t0 = System.nanoTime();
        BatchListener l = listener != null ? listener : new BatchListener() {};
        OutputLayout layout = opt.outputDir() == null ? null : new OutputLayout(opt.outputDir(), items);
        int threads = Math.max(1, Math.min(opt.jobs(), items.size()));
        int window = window(threads);
        boolean pdfOut = opt.fileFormats().contains(OutputFormat.PDF) || opt.stdoutFormat() == OutputFormat.PDF;
        // colour copies of colour pages only when a searchable PDF shows them
        EnginePool pool = EnginePool.lazy(builder, threads, opt.recycleAfter());
        // the models load on their own threads while ImageIO sets up and the first input decodes
        pool.warmUp();
        Inputs inputs = new Inputs(opt.maxPixels(), opt.pdfDpi(), pdfOut);
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ocr-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // With fewer inputs than jobs, the engines beyond one per worker are for the pages of a
        // long document; never warmed up, so one image starts as fast as ever.
        EnginePool extra = opt.jobs() > threads ? EnginePool.lazy(builder, opt.jobs() - threads, opt.recycleAfter()) : null;
        Engines engines = new Engines(pool, extra);
        // the pages of one document recognised by several engines: threads started only for
        // documents of more than one page, so a batch of single images never makes one
        AtomicInteger pageThreadNo = new AtomicInteger();
        ThreadPoolExecutor pageThreads = new ThreadPoolExecutor(opt.jobs(), opt.jobs(), 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "ocr-page-" + pageThreadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pageThreads.allowCoreThreadTimeOut(true);
        DocumentReader.Parallel parallel = opt.jobs() > 1 ? new DocumentReader.Parallel(pageThreads, opt.jobs()) : DocumentReader.Parallel.NONE;
        int ok = 0;
        int failed = 0;
        int skipped = 0;
        long pages = 0;
        Throwable first = null;
        boolean stdoutOpen = opt.stdoutFormat() != null;
        boolean wroteStdout = false;
        byte[] separator = opt.stdoutFormat() == null ? new byte[0]
                : opt.stdoutFormat().writer().separator().getBytes(StandardCharsets.UTF_8);
        Deque<Future<Outcome>> inFlight = new ArrayDeque<>();
        try {
            int next = 0;
            while (next < items.size() || !inFlight.isEmpty()) {
                while (next < items.size() && inFlight.size() < window) {
                    BatchItem item = items.get(next++);
                    if (opt.skipExisting() && layout != null && allExist(layout, item)) {
                        inFlight.add(CompletableFuture.completedFuture(new Outcome(item, null, null, null, true)));
                    } else {
                        inFlight.add(workers.submit(() -> process(item, engines, inputs, parallel, layout, l)));
                    }
                }
                Outcome o = await(inFlight.poll());
                if (o.skipped()) {
                    skipped++;
                    l.skipped(o.item());
                } else if (o.error() != null) {
                    RuntimeException fatal = engines.startupFailure();
                    if (fatal != null && o.error() instanceof OcrException) {
                        throw fatal;
                    }
                    failed++;
                    if (first == null) {
                        first = o.error();
                    }
                    l.failed(o.item(), o.error());
                } else {
                    ok++;
                    pages += o.result().pages().size();
                    if (stdoutOpen && o.stdout() != null) {
                        try {
                            if (wroteStdout) {
                                stdout.write(separator);
                            }
                            stdout.write(o.stdout());
                            stdout.flush();
                            wroteStdout = true;
                        } catch (IOException e) {
                            // standard output closed (piped into head): stop, nothing more can be delivered
                            log.debug("standard output closed: {}", e.toString());
                            stdoutOpen = false;
                            if (opt.outputDir() == null) {
                                break;
                            }
                        }
                    }
                    l.succeeded(o.item(), o.result());
                }
                if (progress != null) {
                    progress.add(!o.skipped() && o.error() == null, o.skipped(),
                            o.result() == null ? 0 : o.result().pages().size());
                }
            }
            if (inFlight.isEmpty()) {
                awaitWarmUp(pool, threads);
            }
        } finally {
            for (Future<Outcome> f : inFlight) {
                f.cancel(true);
            }
            workers.shutdownNow();
            pageThreads.shutdownNow();
            pool.close();
            if (extra != null) {
                extra.close();
            }
            if (progress != null) {
                progress.finish();
            }
        }
        return new BatchSummary(ok, failed, skipped, pages, (System.nanoTime() - t0) / 1_000_000, first);
    }

    /**
     * Waits for the engines the warm-up is still building, so that {@link EnginePool#close} frees
     * them: when every input fails at once (no such file, a broken PDF), the process would otherwise
     * exit while a warm-up thread is inside Tesseract's initialisation, and Tesseract reports
     * {@code ObjectCache ... WARNING! LEAK!} on exit (shown with {@code -v}). Holds each of the
     * pool's {@code n} engines in turn (the warm-up reserved them all, so this builds none), within
     * a bounded wait; nothing to wait for when the models could not load.
     */
    private static void awaitWarmUp(EnginePool pool, int n) {
        if (n <= 0 || pool.startupFailure() != null) {
            return;
        }
        try {
            pool.withEngine(engine -> {
                awaitWarmUp(pool, n - 1);
                return null;
            }, 30_000);
        } catch (RuntimeException e) {
            log.debug("not waiting for the engine warm-up: {}", e.toString());
        }
    }

    /**
     * How many inputs may be in flight: finished ones wait here until every earlier input is done.
     * A window only a little wider than the number of workers would idle them behind one slow
     * page; finished outcomes hold just the recognised text and boxes (images are dropped once
     * read), so a few dozen cost little. Searchable PDF on standard output keeps whole documents
     * in memory, so it gets the narrow window.
     */
    private int window(int threads) {
        return opt.stdoutFormat() == OutputFormat.PDF ? 2 * threads + 1 : 32 + 2 * threads;
    }

    private static Outcome await(Future<Outcome> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("batch worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrException(Kind.INTERRUPTED, "interrupted");
        }
    }

    private boolean allExist(OutputLayout layout, BatchItem item) {
        if (opt.fileFormats().isEmpty()) {
            return false;
        }
        for (OutputFormat f : opt.fileFormats()) {
            if (!Files.isRegularFile(layout.target(item, f))) {
                return false;
            }
        }
        return true;
    }

    /** Runs on a worker: read, recognise, write the files, render the stdout part. */
    private Outcome process(BatchItem item, Engines pool, Inputs inputs, DocumentReader.Parallel parallel, OutputLayout layout,
                            BatchListener listener) {
        try {
            return recognizeAndWrite(item, pool, inputs, parallel, layout, listener);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Throwable err = e;
            if (e instanceof IOException io) {
                err = new OcrException(Kind.OUTPUT_FAILED, item.label() + ": cannot write output: " + io.getMessage(), io);
            } else if (e instanceof OutOfMemoryError) {
                err = new OcrException(Kind.IMAGE_TOO_LARGE, item.label() + ": out of memory (raise -Xmx or lower --jobs)");
            }
            return new Outcome(item, null, null, err, false);
        }
    }

    private Outcome recognizeAndWrite(BatchItem item, Engines pool, Inputs inputs, DocumentReader.Parallel parallel, OutputLayout layout,
                                      BatchListener listener) throws IOException {
        long t0 = System.nanoTime();
        boolean pdfFile = opt.fileFormats().contains(OutputFormat.PDF);
        boolean pdfOut = pdfFile || opt.stdoutFormat() == OutputFormat.PDF;
        DocumentReader.Limits limits = new DocumentReader.Limits(opt.maxPages(), 0, opt.pdfText() == BatchOptions.PdfText.SKIP);
        OcrResult read;
        byte[] pdfBytes = null;
        try (PageSource src = open(item, inputs); PdfWriter.PageSink pdf = pdfOut ? PdfWriter.open() : null) {
            DocumentReader.PageListener toPdf = pdf == null ? null : (pr, page) -> {
                if (!(page.get() instanceof Page.Decoded decoded)) {
                    throw new OcrException(OcrException.Kind.BAD_ARGUMENT, item.label() + ": searchable PDF output is not available for a "
                            + pr.width() + "x" + pr.height() + " px page (read in tiles); use another format");
                }
                pdf.add(pr, decoded.image(), decoded.colour());
            };
            read = DocumentReader.read(src, limits, (one, left) -> {
                int pageNumber = one.pages().get(0).pageNumber();
                Consumer<GrayImage> seen = listener.wantsPreprocessed() ? img -> listener.preprocessed(item, pageNumber, img) : null;
                return pool.withEngine(e -> e.recognize(one, opt.regions(), seen));
            }, toPdf, t0, builder.options().languages(), parallel);
            if (pdf != null) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
                pdf.save(buf);
                pdfBytes = buf.toByteArray();
            }
        }
        OcrResult result = read.source().equals(item.label()) ? read
                : new OcrResult(item.label(), read.languages(), read.pages(), read.timing());
        if (layout != null) {
            for (OutputFormat f : opt.fileFormats()) {
                Path target = layout.target(item, f);
                byte[] pdfData = pdfBytes;
                AtomicFiles.write(target, out -> {
                    if (f == OutputFormat.PDF) {
                        out.write(pdfData);
                    } else {
                        f.writer().write(result, out);
                    }
                });
            }
        }
        byte[] forStdout = null;
        if (opt.stdoutFormat() == OutputFormat.PDF) {
            forStdout = pdfBytes;
        } else if (opt.stdoutFormat() != null) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
            opt.stdoutFormat().writer().write(result, buf);
            forStdout = buf.toByteArray();
        }
        return new Outcome(item, result, forStdout, null, false);
    }

    /** The workers' engines, and those only pages of a long document use when every worker's engine is busy. */
    private record Engines(EnginePool main, EnginePool extra) {
        <T> T withEngine(java.util.function.Function<OcrEngine, T> work) {
            EnginePool p = extra == null || main.busy() < main.size() ? main : extra;
            return p.withEngine(work);
        }

        RuntimeException startupFailure() {
            RuntimeException e = main.startupFailure();
            return e != null || extra == null ? e : extra.startupFailure();
        }
    }

    private static PageSource open(BatchItem item, Inputs inputs) throws IOException {
        if (item.isStdin()) {
            return inputs.open(System.in.readAllBytes(), "-");
        }
        return inputs.open(item.path());
    }
}
