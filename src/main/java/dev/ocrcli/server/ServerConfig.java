package dev.ocrcli.server;

import dev.ocrcli.engine.OcrEngine;

import java.util.List;
import java.util.Objects;

/**
 * Settings of an {@link OcrServer}. Immutable; made with {@link #builder(EngineFactory)}.
 *
 * @param host           address to bind (loopback by default)
 * @param port           port to bind, 0 for any free port
 * @param engines        how to make an engine for a language set and page segmentation mode
 * @param defaultLanguages the languages used when a request names none (warmed at start)
 * @param defaultPsm     the page segmentation mode used when a request names none
 * @param jobs           engines per pool, and the number of recognitions running at once
 * @param queue          requests allowed to wait for an engine beyond {@code jobs}; more get 503
 * @param maxBodyBytes   largest accepted request body
 * @param maxPixels      largest accepted image, in pixels, checked from the header before decoding
 * @param timeoutMillis  budget of one request: queue wait, and recognition of each page (0: none)
 * @param extraPools     language sets other than the default kept loaded at once (LRU)
 * @param recycleAfter   rebuild an engine after this many images (0: never)
 * @param apiKeys        accepted bearer keys; null or empty: no authentication
 * @param corsOrigin     origin allowed by CORS, or null for no CORS headers
 * @param shutdownGraceMillis how long shutdown waits for requests in flight
 */
public record ServerConfig(String host, int port, EngineFactory engines, List<String> defaultLanguages, int defaultPsm,
                           int jobs, int queue, long maxBodyBytes, long maxPixels, long timeoutMillis, int extraPools,
                           int recycleAfter, ApiKeys apiKeys, String corsOrigin, long shutdownGraceMillis) {

    /** Default largest body: 25 MB. */
    public static final long DEFAULT_MAX_BODY = 25L * 1024 * 1024;
    /** Default largest image: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Default request budget: 60 s. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 60_000L;

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
        if (maxPixels < 0 || timeoutMillis < 0 || extraPools < 0 || recycleAfter < 0 || shutdownGraceMillis < 0) {
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
        private long timeout = DEFAULT_TIMEOUT_MILLIS;
        private int extraPools = 3;
        private int recycleAfter = 1000;
        private ApiKeys apiKeys = ApiKeys.none();
        private String cors;
        private long grace = -1;

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
        public Builder timeoutMillis(long v) { timeout = v; return this; }
        public Builder extraPools(int v) { extraPools = v; return this; }
        public Builder recycleAfter(int v) { recycleAfter = v; return this; }
        public Builder apiKeys(ApiKeys v) { apiKeys = v; return this; }
        public Builder corsOrigin(String v) { cors = v; return this; }
        /** How long shutdown waits for requests in flight; default the timeout plus 5 s. */
        public Builder shutdownGraceMillis(long v) { grace = v; return this; }

        public ServerConfig build() {
            int q = queue >= 0 ? queue : 4 * Math.max(1, jobs);
            long g = grace >= 0 ? grace : (timeout > 0 ? 2 * timeout : 120_000) + 5_000;
            return new ServerConfig(host, port, engines, defaultLanguages, defaultPsm, jobs, q, maxBody, maxPixels, timeout,
                    extraPools, recycleAfter, apiKeys, cors, g);
        }
    }
}
