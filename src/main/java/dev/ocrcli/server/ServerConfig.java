package dev.ocrcli.server;

import dev.ocrcli.engine.OcrEngine;

import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link OcrServer}. Immutable; made with {@link #builder(EngineFactory)}.
 *
 * @param host             address to bind (loopback by default)
 * @param port             port to bind, 0 for any free port
 * @param engines          how to make an engine for a language set and page segmentation mode
 * @param defaultLanguages the languages used when a request names none (warmed at start)
 * @param defaultPsm       the page segmentation mode used when a request names none
 * @param jobs             engines of the default pool, and the number of requests recognised at once
 * @param queue            requests allowed to wait for an engine beyond {@code jobs}; more get 503
 * @param maxBodyBytes     largest accepted request body
 * @param maxPixels        largest accepted image, in pixels, checked from the header before decoding
 * @param maxPages         largest accepted document, in pages (0: no limit)
 * @param timeoutMillis    budget of one whole request: reading the body, waiting for an engine, decoding
 *                         and recognising every page (0: none)
 * @param maxEngines       engines loaded at once over all pools (language set, psm, preprocessing);
 *                         at least {@code jobs}
 * @param poolIdleMillis   a pool other than the default unused this long is closed (0: kept until
 *                         pushed out by another)
 * @param recycleAfter     rebuild an engine after this many images (0: never)
 * @param apiKeys          accepted bearer keys; null or empty: no authentication
 * @param corsOrigin       origin allowed by CORS, or null for no CORS headers
 * @param shutdownGraceMillis how long shutdown waits for requests in flight
 * @param idleTimeoutMillis how long Jetty keeps an idle connection open, and an idle request thread alive
 */
public record ServerConfig(String host, int port, EngineFactory engines, List<String> defaultLanguages, int defaultPsm,
                           int jobs, int queue, long maxBodyBytes, long maxPixels, int maxPages, long timeoutMillis,
                           int maxEngines, long poolIdleMillis, int recycleAfter, ApiKeys apiKeys, String corsOrigin,
                           long shutdownGraceMillis, long idleTimeoutMillis) {

    /** Default largest body: 25 MB. */
    public static final long DEFAULT_MAX_BODY = 25L * 1024 * 1024;
    /** Default largest image: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Default largest document: 100 pages (at about a second a page, more cannot be read within the default timeout). */
    public static final int DEFAULT_MAX_PAGES = 100;
    /** Default request budget: 60 s. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000L;
    /** Default time after which an unused extra pool is closed: 10 minutes. */
    public static final long DEFAULT_POOL_IDLE_MILLIS = 600_000L;
    /** Default idle timeout of connections and request threads (Jetty's connection default). */
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 30_000L;

    /** Makes engine builders; the server adds its own pixel limit and timeout. */
    @FunctionalInterface
    public interface EngineFactory {
        OcrEngine.Builder builder(List<String> languages, int psm);
    }

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(engines, "engines");
        defaultLanguages = List.copyOf(defaultLanguages);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must not be negative");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body must be at least 1 byte");
        }
        if (maxEngines < jobs) {
            throw new IllegalArgumentException("max engines (" + maxEngines + ") must be at least jobs (" + jobs + ")");
        }
        if (maxPixels < 0 || maxPages < 0 || timeoutMillis < 0 || poolIdleMillis < 0 || recycleAfter < 0 || shutdownGraceMillis < 0
                || idleTimeoutMillis < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (apiKeys == null) {
            apiKeys = ApiKeys.none();
        }
    }

    public static Builder builder(EngineFactory engines) {
        return new Builder(engines);
    }

    /** Builder with the defaults of {@code ocr-cli serve}. */
    public static final class Builder {
        private final EngineFactory engines;
        private String host = "127.0.0.1";
        private int port = 8080;
        private List<String> defaultLanguages = List.of("eng");
        private int defaultPsm = 3;
        private int jobs = Runtime.getRuntime().availableProcessors();
        private int queue = -1;
        private long maxBody = DEFAULT_MAX_BODY;
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private int maxPages = DEFAULT_MAX_PAGES;
        private long timeout = DEFAULT_TIMEOUT_MILLIS;
        private int maxEngines = -1;
        private long poolIdle = DEFAULT_POOL_IDLE_MILLIS;
        private int recycleAfter = 0;
        private ApiKeys apiKeys = ApiKeys.none();
        private String cors;
        private long grace = -1;
        private long idleTimeout = DEFAULT_IDLE_TIMEOUT_MILLIS;

        private Builder(EngineFactory engines) {
            this.engines = engines;
        }

        public Builder host(String v) { host = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder defaultLanguages(List<String> v) { defaultLanguages = v; return this; }
        public Builder defaultPsm(int v) { defaultPsm = v; return this; }
        public Builder jobs(int v) { jobs = v; return this; }
        /** Waiting requests allowed; default {@code 4 * jobs}. */
        public Builder queue(int v) { queue = v; return this; }
        public Builder maxBodyBytes(long v) { maxBody = v; return this; }
        public Builder maxPixels(long v) { maxPixels = v; return this; }
        /** Pages a document may have; default {@value ServerConfig#DEFAULT_MAX_PAGES}, 0 for no limit. */
        public Builder maxPages(int v) { maxPages = v; return this; }
        public Builder timeoutMillis(long v) { timeout = v; return this; }
        /** Engines loaded at once over all pools; default {@code 4 * jobs}. */
        public Builder maxEngines(int v) { maxEngines = v; return this; }
        public Builder poolIdleMillis(long v) { poolIdle = v; return this; }
        public Builder recycleAfter(int v) { recycleAfter = v; return this; }
        public Builder apiKeys(ApiKeys v) { apiKeys = v; return this; }
        public Builder corsOrigin(String v) { cors = v; return this; }
        /** How long shutdown waits for requests in flight; default twice the timeout plus 5 s. */
        public Builder shutdownGraceMillis(long v) { grace = v; return this; }
        public Builder idleTimeoutMillis(long v) { idleTimeout = v; return this; }

        public ServerConfig build() {
            int q = queue >= 0 ? queue : 4 * Math.max(1, jobs);
            int e = maxEngines >= 0 ? maxEngines : 4 * Math.max(1, jobs);
            long g = grace >= 0 ? grace : (timeout > 0 ? 2 * timeout : 120_000) + 5_000;
            return new ServerConfig(host, port, engines, defaultLanguages, defaultPsm, jobs, q, maxBody, maxPixels, maxPages, timeout,
                    e, poolIdle, recycleAfter, apiKeys, cors, g, idleTimeout);
        }
    }
}
