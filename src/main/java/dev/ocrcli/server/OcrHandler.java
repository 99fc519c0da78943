package dev.ocrcli.server;

import dev.ocrcli.OcrException;
import dev.ocrcli.engine.DocumentReader;
import dev.ocrcli.image.Inputs;
import dev.ocrcli.image.Page;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.output.PdfWriter;
import dev.ocrcli.result.OcrResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.io.ByteArrayOutputStream;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /v1/ocr}: parameters and declared size are checked first, then the request is
 * admitted (or 503), its body read and identified (or 400/413/415), and the document read page
 * by page on an engine thread within the request's time budget (or 504); the answer is the
 * result in the requested format, for {@code pdf} the searchable PDF the command line writes.
 */
final class OcrHandler implements Handler {
    /** Resolution PDF pages are rendered at for recognition. */
    static final int PDF_DPI = 300;

    private final ServerConfig cfg;
    private final PoolCache pools;
    private final Admission admission;
    private final RequestParser parser;
    private final Inputs inputs;
    private final BooleanSupplier draining;
    private final Readiness readiness;

    /** Why OCR requests cannot be served yet, or null once they can. */
    interface Readiness {
        ApiError notReady();
    }

    OcrHandler(ServerConfig cfg, PoolCache pools, Admission admission, RequestParser parser, BooleanSupplier draining,
               Readiness readiness) {
        this.cfg = cfg;
        this.pools = pools;
        this.admission = admission;
        this.parser = parser;
        this.inputs = new Inputs(cfg.maxPixels(), PDF_DPI);
        this.draining = draining;
        this.readiness = readiness;
    }

    /** What goes back to the client. */
    private record Answer(String mediaType, byte[] body) {}

    @Override
    public void handle(Context ctx) throws Exception {
        long start = System.nanoTime();
        if (draining.getAsBoolean()) {
            ctx.header("Connection", "close");
            throw new ApiError(503, "shutting_down", "server is shutting down", 1);
        }
        ApiError notReady = readiness.notReady();
        if (notReady != null) {
            throw notReady;
        }
        RequestParser.Params params = parser.head(ctx);
        try (Admission.Ticket ticket = admission.admit(start)) {
            RequestParser.OcrRequest req = parser.read(ctx, params);
            if (ticket.remainingMillis() <= 0) {
                throw new ApiError(504, "timeout", "reading the request body took longer than the " + cfg.timeoutMillis()
                        + " ms request timeout");
            }
            Answer a = admission.run(ticket, () -> recognize(req, ticket.startNanos()));
            Replies.send(ctx, 200, a.mediaType(), a.body());
        } catch (OcrException e) {
            throw Errors.of(e);
        } catch (IllegalStateException e) {
            // an engine pool closed under the request: only while stopping
            if (draining.getAsBoolean()) {
                throw new ApiError(503, "shutting_down", "server is shutting down", 1);
            }
            throw e;
        }
    }

    /** Runs on an engine thread: the one loop over the document's pages, then the answer's bytes. */
    private Answer recognize(RequestParser.OcrRequest req, long startNanos) throws Exception {
        RequestParser.Params p = req.params();
        OutputFormat format = p.format();
        DocumentReader.Limits limits = new DocumentReader.Limits(cfg.maxPages(), cfg.timeoutMillis(), false);
        String label = req.type() == Signatures.Format.PDF ? "document" : "image";
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (PoolCache.Lease lease = pools.acquire(p.key());
             PageSource src = inputs.open(req.body(), label);
             PdfWriter.PageSink pdf = format == OutputFormat.PDF ? PdfWriter.open() : null) {
            DocumentReader.PageListener toPdf = pdf == null ? null : (pageResult, page) -> {
                if (!(page.get() instanceof Page.Decoded decoded)) {
                    throw new OcrException(OcrException.Kind.BAD_ARGUMENT, "format=pdf is not available for a " + pageResult.width() + "x"
                            + pageResult.height() + " px page (read in tiles); ask for another format");
                }
                pdf.add(pageResult, decoded.image());
            };
            // the engine gets what is left of the request's time once it has one: every reading of the page stops there
            OcrResult result = DocumentReader.read(src, limits, (one, left) -> lease.pool().withEngine(
                            e -> e.recognize(one, java.util.List.of(), null, remainingMillis(startNanos)), left),
                    toPdf, startNanos, p.key().languages());
            if (pdf != null) {
                pdf.save(out);
            } else {
                format.writer().write(result, out);
            }
        }
        return new Answer(format.writer().mediaType(), out.toByteArray());
    }

    /** What is left of the request's time budget, 0 for no budget (at least 1 ms while there is one). */
    private long remainingMillis(long startNanos) {
        if (cfg.timeoutMillis() == 0) {
            return 0;
        }
        return Math.max(1, cfg.timeoutMillis() - (System.nanoTime() - startNanos) / 1_000_000);
    }
}
