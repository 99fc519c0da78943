package dev.ocrcli.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ocrcli.OcrException;
import dev.ocrcli.engine.DocumentReader;
import dev.ocrcli.image.Inputs;
import dev.ocrcli.image.PageSource;
import dev.ocrcli.lang.LanguagePack;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.output.OutputFormat;
import dev.ocrcli.result.OcrResult;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP API of ocr-cli ({@code ocr-cli serve}), on Javalin/Jetty. See {@code docs/server.md}.
 *
 * <p>Flow of {@code POST /v1/ocr}: parameters are checked, a request whose Content-Length is over
 * the body limit is refused before reading, then the request is admitted only if fewer than
 * {@code jobs + queue} are already inside (else 503 with Retry-After). The body is read into
 * memory (never to disk), the engine pool for the language set is borrowed, and the request waits
 * for one of {@code jobs} recognition slots within its time budget (else 504); decoding and
 * recognition both happen inside the slot, so memory and CPU stay bounded.
 */
public final class OcrServer implements AutoCloseable {
    /** Logger name of the one-line-per-request access log. */
    public static final String ACCESS_LOGGER = "ocrcli.access";

    private static final Logger log = LoggerFactory.getLogger(OcrServer.class);
    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz", "/openapi.json");
    private static final Set<String> ROUTES = Set.of("/v1/ocr", "/v1/languages", "/healthz", "/readyz", "/metrics", "/openapi.json");
    private static final String OUT_BYTES = "ocrcli.outBytes";

    private final ServerConfig cfg;
    private final PoolCache pools;
    /** Resolution PDF pages are rendered at for recognition. */
    static final int PDF_DPI = 300;

    private final Inputs inputs;
    /** The server's own --preprocess setting, read once: requests naming it share the default pool. */
    private final String defaultPreprocess;
    private final PrometheusMeterRegistry registry;
    private final Semaphore slots;
    /** The only threads that call into Tesseract: few native threads, so few malloc arenas and a flat RSS. */
    private final ExecutorService engineThreads;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final StatisticsHandler stats = new StatisticsHandler();
    private final Javalin app;
    private volatile boolean draining;
    private volatile Throwable warmFailure;
    private Thread warmer;
    private boolean closing;

    private OcrServer(ServerConfig cfg) {
        this.cfg = cfg;
        this.pools = new PoolCache(cfg);
        this.inputs = new Inputs(cfg.maxPixels(), PDF_DPI);
        this.defaultPreprocess = pools.builder(pools.defaultKey()).options().preprocess();
        this.slots = new Semaphore(cfg.jobs(), true);
        AtomicInteger threadNo = new AtomicInteger();
        this.engineThreads = Executors.newFixedThreadPool(cfg.jobs(), r -> {
            Thread t = new Thread(r, "ocr-engine-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("ocr.queue.depth", waiting, AtomicInteger::get)
                .description("Requests waiting for a recognition slot").register(registry);
        Gauge.builder("ocr.requests.inflight", admitted, AtomicInteger::get)
                .description("OCR requests admitted and not yet answered").register(registry);
        Gauge.builder("ocr.engines.busy", pools, p -> p.sum(pool -> pool.busy()))
                .description("Engines recognising an image now").register(registry);
        Gauge.builder("ocr.engines", pools, p -> p.sum(pool -> pool.size()))
                .description("Engines loaded, over all language sets").register(registry);
        Gauge.builder("ocr.ready", pools, p -> p.ready() ? 1 : 0)
                .description("1 once the default engine pool is loaded").register(registry);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = cfg.maxBodyBytes();
            c.http.prefer405over404 = true;
            c.jetty.defaultHost = cfg.host();
            c.jetty.defaultPort = cfg.port();
            // Multipart bodies stay in memory: the threshold equals the body limit.
            c.jetty.multipartConfig.cacheDirectory(System.getProperty("java.io.tmpdir"));
            c.jetty.multipartConfig.maxFileSize(cfg.maxBodyBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxTotalRequestSize(cfg.maxBodyBytes(), SizeUnit.BYTES);
            c.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE, cfg.maxBodyBytes() + 1), SizeUnit.BYTES);
            // Look at the headers as soon as they arrive, so an oversized Content-Length is refused
            // before any of the body is sent (Jetty would otherwise wait for the first body bytes).
            c.jetty.modifyHttpConfiguration(hc -> hc.setDelayDispatchUntilContent(false));
            c.jetty.modifyServer(server -> {
                server.setHandler(stats);
                server.setStopTimeout(cfg.shutdownGraceMillis());
            });
            if (cfg.corsOrigin() != null) {
                c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(cfg.corsOrigin())));
            }
            c.requestLogger.http(this::logRequest);
        });
        app.before(this::authorize);
        app.post("/v1/ocr", this::ocr);
        app.get("/v1/languages", this::languages);
        app.get("/healthz", ctx -> sendJson(ctx, 200, g -> g.writeStringField("status", "ok")));
        app.get("/readyz", this::readyz);
        app.get("/metrics", ctx -> send(ctx, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape().getBytes(StandardCharsets.UTF_8)));
        byte[] openapi = openApiDocument();
        app.get("/openapi.json", ctx -> send(ctx, 200, JSON_TYPE, openapi));
        app.exception(ApiError.class, (e, ctx) -> sendError(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) ->
                sendError(ctx, new ApiError(e.getStatus(), codeFor(e.getStatus()), e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {}: internal error", ctx.method(), ctx.path(), e);
            sendError(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> sendError(ctx, new ApiError(404, "not_found", "no such endpoint: " + ctx.method() + " " + ctx.path())));
        app.error(405, ctx -> sendError(ctx, new ApiError(405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path())));
    }

    /**
     * Binds the port and starts loading the default engine pool in the background; OCR requests
     * get 503 until it is loaded ({@link #awaitReady()}, {@code GET /readyz}).
     */
    public static OcrServer start(ServerConfig cfg) {
        OcrServer s = new OcrServer(cfg);
        s.app.start(cfg.host(), cfg.port());
        s.warmer = new Thread(s::warm, "ocr-warmup");
        s.warmer.setDaemon(true);
        s.warmer.start();
        return s;
    }

    private void warm() {
        long t0 = System.nanoTime();
        try {
            pools.warm();
            log.info("ready: {} x {} loaded in {} ms", cfg.jobs(), pools.defaultKey().label(), (System.nanoTime() - t0) / 1_000_000);
        } catch (Throwable t) {
            warmFailure = t;
            log.error("cannot load the default engines: {}", t.getMessage());
        }
    }

    /** Waits until the default pool is loaded; rethrows why it could not be. */
    public void awaitReady() throws InterruptedException {
        warmer.join();
        Throwable t = warmFailure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /** True once the default pool is loaded and the server is not stopping. */
    public boolean isReady() {
        return pools.ready() && !draining;
    }

    /** The bound port. */
    public int port() {
        return app.port();
    }

    /** Base address, e.g. {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        String h = cfg.host().contains(":") ? "[" + cfg.host() + "]" : cfg.host();
        return "http://" + h + ":" + port();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Graceful stop: refuse new connections and requests, let requests in flight finish (up to
     * the configured grace period), stop Jetty, free the engines. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        draining = true;
        long t0 = System.nanoTime();
        try {
            for (Connector c : app.jettyServer().server().getConnectors()) {
                if (c instanceof AbstractConnector ac) {
                    ac.setAccepting(false);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.shutdownGraceMillis());
            // Connections accepted a moment ago may not have dispatched their request yet.
            Thread.sleep(Math.min(300, cfg.shutdownGraceMillis()));
            while ((stats.getRequestsActive() > 0 || admitted.get() > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (stats.getRequestsActive() > 0) {
                log.warn("stopping with {} request(s) still running after {} ms", stats.getRequestsActive(), cfg.shutdownGraceMillis());
            }
            app.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            app.stop();
        } catch (RuntimeException e) {
            log.warn("error while stopping: {}", e.toString());
        } finally {
            engineThreads.shutdown();
            pools.close();
            registry.close();
            log.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
            stopped.countDown();
        }
    }

    // ---------------------------------------------------------------- handlers

    private void authorize(Context ctx) {
        if (!cfg.apiKeys().enabled() || "OPTIONS".equals(ctx.method().name()) || OPEN_PATHS.contains(ctx.path())) {
            return;
        }
        if (!cfg.apiKeys().acceptsAuthorization(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ocr-cli\"");
            throw new ApiError(401, "unauthorized", "missing or wrong API key (send 'Authorization: Bearer KEY')");
        }
    }

    private void readyz(Context ctx) {
        if (isReady()) {
            sendJson(ctx, 200, g -> g.writeStringField("status", "ready"));
        } else {
            throw new ApiError(503, "not_ready", draining ? "server is shutting down"
                    : warmFailure != null ? "engines failed to load: " + warmFailure.getMessage() : "engines are still loading", 1);
        }
    }

    private void languages(Context ctx) {
        TessdataLocator locator = TessdataLocator.standard(pools.builder(pools.defaultKey()).options().tessdata());
        Map<String, LanguagePack> available = locator.available();
        List<String> loaded = pools.loaded();
        sendJson(ctx, 200, g -> {
            g.writeStringField("default", String.join("+", pools.defaultKey().languages()));
            g.writeArrayFieldStart("languages");
            for (LanguagePack p : available.values()) {
                if ("osd".equals(p.name())) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("name", p.name());
                g.writeStringField("source", p.source().label());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("loaded");
            for (String l : loaded) {
                g.writeString(l);
            }
            g.writeEndArray();
        });
    }

    /** Request parameters of {@code POST /v1/ocr}. */
    private record Params(PoolCache.Key key, OutputFormat format) {}

    private void ocr(Context ctx) throws InterruptedException, IOException {
        long start = System.nanoTime();
        if (draining) {
            ctx.header("Connection", "close");
            throw new ApiError(503, "shutting_down", "server is shutting down", 1);
        }
        boolean multipart = ctx.isMultipartFormData();
        String type = baseType(ctx.contentType());
        if (!multipart) {
            checkRawType(type);
        }
        Params params = multipart ? null : params(ctx, false);
        long declared = ctx.req().getContentLengthLong();
        if (declared > cfg.maxBodyBytes()) {
            ctx.header("Connection", "close");
            throw tooLarge();
        }
        if (!pools.ready()) {
            throw new ApiError(503, "not_ready", warmFailure != null ? "engines failed to load: " + warmFailure.getMessage()
                    : "engines are still loading", 1);
        }
        if (admitted.incrementAndGet() > cfg.jobs() + cfg.queue()) {
            admitted.decrementAndGet();
            ctx.header("Retry-After", "1");
            throw new ApiError(503, "overloaded", "server is busy: " + cfg.jobs() + " recognising and " + cfg.queue()
                    + " waiting; retry later", 1);
        }
        try {
            byte[] body = multipart ? multipartFile(ctx) : readLimited(ctx.req().getInputStream());
            Params p = params != null ? params : params(ctx, true);
            OcrResult result = recognize(p.key(), body, start);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                p.format().writer().write(result, w);
            }
            send(ctx, 200, contentType(p.format()), out.toByteArray());
        } finally {
            admitted.decrementAndGet();
        }
    }

    private OcrResult recognize(PoolCache.Key key, byte[] body, long start) throws InterruptedException {
        try (PoolCache.Lease lease = pools.acquire(key)) {
            long remaining = remainingMillis(start);
            waiting.incrementAndGet();
            boolean got;
            try {
                if (cfg.timeoutMillis() == 0) {
                    slots.acquire();
                    got = true;
                } else {
                    got = remaining > 0 && slots.tryAcquire(remaining, TimeUnit.MILLISECONDS);
                }
            } finally {
                waiting.decrementAndGet();
            }
            if (!got) {
                throw new ApiError(504, "timeout", "no engine became free within the " + cfg.timeoutMillis() + " ms request timeout");
            }
            try {
                // The slot guarantees a free engine thread; Tesseract's own deadline bounds the wait.
                Future<OcrResult> f = engineThreads.submit(() -> {
                    // one loop for images and PDFs: every page decoded or rendered in turn and recognised,
                    // within what is left of the request's time
                    DocumentReader.Limits limits = new DocumentReader.Limits(0, cfg.timeoutMillis(), false);
                    try (PageSource src = inputs.open(body, Inputs.isPdf(body) ? "document" : "image")) {
                        return DocumentReader.read(src, limits,
                                (one, left) -> lease.pool().withEngine(e -> e.recognize(one), left),
                                null, start, key.languages());
                    }
                });
                return f.get();
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            } finally {
                slots.release();
            }
        } catch (OcrException e) {
            throw map(e);
        } catch (IllegalStateException e) {
            if (draining) {
                throw new ApiError(503, "shutting_down", "server is shutting down", 1);
            }
            throw e;
        }
    }

    private long remainingMillis(long start) {
        if (cfg.timeoutMillis() == 0) {
            return Long.MAX_VALUE;
        }
        return cfg.timeoutMillis() - (System.nanoTime() - start) / 1_000_000;
    }

    private Params params(Context ctx, boolean multipart) {
        String lang = param(ctx, "lang", multipart);
        String psmText = param(ctx, "psm", multipart);
        String format = param(ctx, "format", multipart);
        String preprocess = param(ctx, "preprocess", multipart);
        List<String> langs = pools.defaultKey().languages();
        if (lang != null && !lang.isBlank()) {
            try {
                langs = TessdataLocator.parseLanguages(lang);
            } catch (OcrException e) {
                throw new ApiError(400, "bad_parameter", "lang: " + e.getMessage());
            }
        }
        int psm = pools.defaultKey().psm();
        if (psmText != null && !psmText.isBlank()) {
            try {
                psm = Integer.parseInt(psmText.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "bad_parameter", "psm must be a number 1..13, not '" + clip(psmText) + "'");
            }
            if (psm < 1 || psm > 13) {
                throw new ApiError(400, "bad_parameter", "psm must be 1..13, not " + psm);
            }
        }
        OutputFormat fmt = OutputFormat.JSON;
        if (format != null && !format.isBlank()) {
            try {
                fmt = OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new ApiError(400, "bad_parameter", "format: " + clip(e.getMessage()));
            }
        }
        String pp = pools.defaultKey().preprocess();
        if (preprocess != null && !preprocess.isBlank()) {
            pp = preprocess.strip().toLowerCase(Locale.ROOT);
            try {
                dev.ocrcli.pipeline.Pipeline.parse(pp, 0);
            } catch (OcrException e) {
                throw new ApiError(400, "bad_parameter", "preprocess: " + clip(e.getMessage()));
            }
            if (pp.equals(defaultPreprocess)) {
                pp = null; // the server's own setting: no separate pool
            }
        }
        return new Params(new PoolCache.Key(langs, psm, pp), fmt);
    }

    private static String param(Context ctx, String name, boolean multipart) {
        String v = ctx.queryParam(name);
        if (v == null && multipart) {
            v = ctx.formParam(name);
        }
        return v;
    }

    private static String clip(String s) {
        String t = s.replaceAll("[\\p{Cntrl}]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    private void checkRawType(String type) {
        if (type.isEmpty()) {
            throw new ApiError(415, "unsupported_media_type",
                    "no Content-Type: send the image as the body with Content-Type image/* or as multipart/form-data field 'file'");
        }
        if (!type.startsWith("image/") && !type.equals("application/octet-stream") && !type.equals("application/pdf")) {
            throw new ApiError(415, "unsupported_media_type", "Content-Type " + clip(type)
                    + " is not an image: send image/* (PNG, JPEG, TIFF, BMP, GIF, WebP) or multipart/form-data field 'file'");
        }
    }


    private ApiError tooLarge() {
        return new ApiError(413, "body_too_large", "request body is larger than the limit of " + cfg.maxBodyBytes() + " bytes");
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    private byte[] readLimited(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > cfg.maxBodyBytes()) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
            if (total == 0) {
                throw new ApiError(400, "empty_body", "the request body is empty: send the image as the body");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiError(400, "bad_request", "cannot read the request body: " + clip(String.valueOf(e.getMessage())));
        }
    }

    private byte[] multipartFile(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (RuntimeException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceed") || m.contains("too large") || m.contains("max")) {
                throw tooLarge();
            }
            throw new ApiError(400, "bad_request", "malformed multipart body: " + clip(String.valueOf(e.getMessage())));
        }
        if (file == null) {
            throw new ApiError(400, "missing_file", "multipart/form-data request without a 'file' field");
        }
        if (file.size() > cfg.maxBodyBytes()) {
            throw tooLarge();
        }
        try (InputStream in = file.content()) {
            byte[] b = in.readAllBytes();
            if (b.length == 0) {
                throw new ApiError(400, "empty_body", "the 'file' field is empty");
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] b, String magic) {
        if (b.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (b[i] != (byte) magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Library failures as HTTP answers: one status and code per kind. */
    static ApiError map(OcrException e) {
        String m = e.getMessage();
        return switch (e.kind()) {
            case BAD_ARGUMENT -> new ApiError(400, "bad_parameter", m);
            case INPUT_NOT_FOUND -> new ApiError(400, "bad_request", m);
            case LANGUAGE_MISSING -> new ApiError(400, "language_missing", m);
            case UNSUPPORTED_FORMAT -> new ApiError(415, "unsupported_media_type", m);
            case INPUT_UNREADABLE -> new ApiError(422, "corrupt_image", m);
            case IMAGE_TOO_LARGE -> new ApiError(413, "image_too_large", m);
            case TOO_MANY_PAGES -> new ApiError(413, "too_many_pages", m);
            case TIMEOUT -> new ApiError(504, "timeout", m);
            case NATIVE_UNAVAILABLE, SERVICE_UNAVAILABLE -> new ApiError(503, "engine_unavailable", m);
            case INTERRUPTED -> new ApiError(503, "shutting_down", m, 1);
            case LANGUAGE_DAMAGED -> new ApiError(500, "language_damaged", m);
            case ENGINE_FAILED -> new ApiError(500, "engine_failed", m);
            case OUTPUT_FAILED, INSTALL_FAILED -> new ApiError(500, "internal", m);
        };
    }

    private static String contentType(OutputFormat f) {
        return switch (f.name()) {
            case "JSON" -> JSON_TYPE;
            case "HOCR" -> "text/html; charset=utf-8";
            case "ALTO" -> "application/xml; charset=utf-8";
            case "TSV" -> "text/tab-separated-values; charset=utf-8";
            default -> "text/plain; charset=utf-8";
        };
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    // ---------------------------------------------------------------- output

    private interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static void sendJson(Context ctx, int status, JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        send(ctx, status, JSON_TYPE, out.toByteArray());
    }

    private static void sendError(Context ctx, ApiError e) {
        if (e.retryAfterSeconds > 0) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds));
        }
        sendJson(ctx, e.status, g -> {
            g.writeObjectFieldStart("error");
            g.writeStringField("code", e.code);
            g.writeStringField("message", e.getMessage().replaceAll("[\\r\\n]+", " "));
            g.writeEndObject();
        });
    }

    private static void send(Context ctx, int status, String type, byte[] body) {
        ctx.status(status);
        ctx.contentType(type);
        ctx.attribute(OUT_BYTES, body.length);
        ctx.result(body);
    }

    private void logRequest(Context ctx, Float ms) {
        int status = ctx.statusCode();
        String route = ROUTES.contains(ctx.path()) ? ctx.path() : "other";
        String method = ctx.method().name();
        Integer out = ctx.attribute(OUT_BYTES);
        long in = Math.max(0, ctx.req().getContentLengthLong());
        long millis = ms == null ? 0 : Math.round(ms);
        access.info("{} {} {} {}ms in={}B out={}B", method, ctx.path().length() > 200 ? ctx.path().substring(0, 200) : ctx.path(),
                status, millis, in, out == null ? 0 : out);
        String s = Integer.toString(status);
        Counter.builder("ocr.http.requests").description("HTTP requests by route and status")
                .tags("method", method, "path", route, "status", s).register(registry).increment();
        Timer.builder("ocr.http.request.duration").description("HTTP request latency")
                .tags("method", method, "path", route, "status", s)
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos((long) ((ms == null ? 0 : ms) * 1_000_000)));
    }

    private static byte[] openApiDocument() {
        try (InputStream in = OcrServer.class.getResourceAsStream("/dev/ocrcli/server/openapi.json")) {
            if (in == null) {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
