package dev.ocrcli.server;

import dev.ocrcli.OcrException;
import dev.ocrcli.lang.LanguagePack;
import dev.ocrcli.lang.TessdataLocator;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API of ocr-cli ({@code ocr-cli serve}), on Javalin/Jetty. See {@code docs/server.md}.
 *
 * <p>This class wires the parts together and owns the life cycle (start, readiness, graceful
 * stop): {@link RequestParser} reads requests, {@link Admission} decides how many are inside and
 * how many work at once, {@link OcrHandler} serves {@code POST /v1/ocr}, {@link PoolCache} holds
 * the engines, {@link Errors} turns every failure into a JSON answer, {@link Metrics} counts.
 */
public final class OcrServer implements AutoCloseable {
    /** Logger name of the one-line-per-request access log. */
    public static final String ACCESS_LOGGER = Metrics.ACCESS_LOGGER;

    private static final Logger log = LoggerFactory.getLogger(OcrServer.class);
    private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/readyz", "/openapi.json");
    private static final Set<String> ROUTES = Set.of("/v1/ocr", "/v1/languages", "/healthz", "/readyz", "/metrics", "/openapi.json");
    /**
     * How long Jetty itself may take to stop once our own drain is over: its thread pool otherwise
     * inherits the whole grace period, and waits half of it for threads that do not wake.
     */
    private static final long JETTY_STOP_MILLIS = 2_000;

    private final ServerConfig cfg;
    private final PoolCache pools;
    private final Admission admission;
    private final Metrics metrics;
    private final OpenApi openApi = new OpenApi();
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
        this.admission = new Admission(cfg.jobs(), cfg.queue(), cfg.timeoutMillis());
        this.metrics = new Metrics(ROUTES, admission, pools, this::isReady);
        RequestParser parser = new RequestParser(cfg.maxBodyBytes(), pools.defaultKey(), () -> pools.defaultOptions().preprocess());
        OcrHandler ocr = new OcrHandler(cfg, pools, admission, parser, () -> draining, this::notReady);
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.prefer405over404 = true;
            QueuedThreadPool threads = new QueuedThreadPool(200, 8, (int) Math.min(Integer.MAX_VALUE, cfg.idleTimeoutMillis()));
            threads.setName("ocr-http");
            c.jetty.threadPool = threads;
            c.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(cfg.host());
                connector.setPort(cfg.port());
                connector.setIdleTimeout(cfg.idleTimeoutMillis());
                return connector;
            });
            // Look at the headers as soon as they arrive, so an oversized Content-Length is refused
            // before any of the body is sent (Jetty would otherwise wait for the first body bytes).
            c.jetty.modifyHttpConfiguration(hc -> hc.setDelayDispatchUntilContent(false));
            c.jetty.modifyServer(server -> {
                server.setHandler(stats);
                // also sets the thread pool's: both are short, requests in flight were drained before
                server.setStopTimeout(JETTY_STOP_MILLIS);
                server.setErrorHandler(new Errors.JsonErrorHandler());
            });
            c.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new Errors.JsonErrorHandler()));
            if (cfg.corsOrigin() != null) {
                c.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(cfg.corsOrigin())));
            }
            c.requestLogger.http((ctx, ms) -> {
                Integer out = ctx.attribute(Replies.OUT_BYTES);
                metrics.request(ctx.method().name(), ctx.path(), ctx.statusCode(), ms == null ? 0 : ms,
                        Math.max(0, ctx.req().getContentLengthLong()), out == null ? 0 : out);
            });
        });
        app.before(this::authorize);
        app.post("/v1/ocr", ocr);
        app.get("/v1/languages", this::languages);
        app.get("/healthz", ctx -> Replies.json(ctx, 200, g -> g.writeStringField("status", "ok")));
        app.get("/readyz", this::readyz);
        app.get("/metrics", ctx -> Replies.send(ctx, 200, Metrics.CONTENT_TYPE, metrics.scrape()));
        app.get("/openapi.json", ctx -> Replies.send(ctx, 200, Errors.JSON_TYPE, openApi.document(ctx.header("Host"), baseUrl())));
        app.exception(ApiError.class, (e, ctx) -> Replies.error(ctx, e));
        app.exception(OcrException.class, (e, ctx) -> Replies.error(ctx, Errors.of(e)));
        app.exception(HttpResponseException.class, (e, ctx) -> Replies.error(ctx, Errors.ofStatus(e.getStatus(), e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {}: internal error", ctx.method(), ctx.path(), e);
            Replies.error(ctx, new ApiError(500, "internal", "internal error: " + e.getClass().getSimpleName()));
        });
        app.error(404, ctx -> Replies.error(ctx, new ApiError(404, "not_found", "no such endpoint: " + ctx.method() + " "
                + Errors.clip(ctx.path()))));
        app.error(405, ctx -> Replies.error(ctx, new ApiError(405, "method_not_allowed", ctx.method() + " is not allowed on "
                + Errors.clip(ctx.path()))));
    }

    /**
     * Binds the port and starts loading the default engine pool in the background; OCR requests
     * get 503 until it is loaded ({@link #awaitReady()}, {@code GET /readyz}).
     */
    public static OcrServer start(ServerConfig cfg) {
        OcrServer s = new OcrServer(cfg);
        try {
            s.app.start();
        } catch (RuntimeException e) {
            s.admission.close();
            s.pools.close();
            s.metrics.close();
            throw e;
        }
        s.warmer = new Thread(s::warm, "ocr-warmup");
        s.warmer.setDaemon(true);
        s.warmer.start();
        return s;
    }

    /**
     * Fails when a language is not installed ({@code auto} chooses among those that are), the
     * check {@code serve} makes before it binds the port.
     *
     * @param tessdata directory searched first, or null
     * @throws dev.ocrcli.OcrException LANGUAGE_MISSING
     */
    public static void requireInstalled(Path tessdata, List<String> languages) {
        PoolCache.requireInstalled(TessdataLocator.standard(tessdata), languages);
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
            while ((stats.getRequestsActive() > 0 || admission.admitted() > 0) && System.nanoTime() < deadline) {
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
            admission.close();
            pools.close();
            metrics.close();
            log.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
            stopped.countDown();
        }
    }

    // ---------------------------------------------------------------- small handlers

    /** Why OCR requests cannot be served now, or null. */
    private ApiError notReady() {
        if (draining) {
            return new ApiError(503, "shutting_down", "server is shutting down", 1);
        }
        if (!pools.ready()) {
            Throwable t = warmFailure;
            return new ApiError(503, "not_ready", t != null ? "engines failed to load: " + t.getMessage() : "engines are still loading", 1);
        }
        return null;
    }

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
        ApiError e = notReady();
        if (e != null) {
            throw e;
        }
        Replies.json(ctx, 200, g -> g.writeStringField("status", "ready"));
    }

    private void languages(Context ctx) {
        TessdataLocator locator = TessdataLocator.standard(pools.defaultOptions().tessdata());
        Map<String, LanguagePack> available = locator.available();
        List<String> loaded = pools.loaded();
        Replies.json(ctx, 200, g -> {
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
}
