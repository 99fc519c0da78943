package dev.ocrcli.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * What {@code GET /metrics} reports (Prometheus text format through Micrometer) and the
 * one-line-per-request access log: requests by route and status with their latency, the
 * admission queue, engines and pools loaded, the process's resident memory, and the JVM's own
 * meters.
 */
final class Metrics implements AutoCloseable {
    /** Logger name of the one-line-per-request access log. */
    static final String ACCESS_LOGGER = "ocrcli.access";
    /** Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger access = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Set<String> routes;

    Metrics(Set<String> routes, Admission admission, PoolCache pools, BooleanSupplier ready) {
        this.routes = Set.copyOf(routes);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("ocr.queue.depth", admission, Admission::waiting)
                .description("Requests waiting for an engine").register(registry);
        Gauge.builder("ocr.requests.inflight", admission, Admission::admitted)
                .description("OCR requests admitted and not yet answered").register(registry);
        Gauge.builder("ocr.work.running", admission, Admission::working)
                .description("Documents being decoded and recognised now, including work whose request was already answered 504")
                .register(registry);
        Gauge.builder("ocr.engines.busy", pools, p -> p.sum(pool -> pool.busy()))
                .description("Engines recognising an image now").register(registry);
        Gauge.builder("ocr.engines", pools, p -> p.sum(pool -> pool.size()))
                .description("Engines loaded, over all pools").register(registry);
        Gauge.builder("ocr.engines.max", pools, PoolCache::maxEngines)
                .description("Engines that may be loaded at once (--max-engines)").register(registry);
        Gauge.builder("ocr.engine.pools", pools, PoolCache::pools)
                .description("Engine pools loaded (one per language set, psm and preprocessing in use)").register(registry);
        Gauge.builder("ocr.ready", ready, r -> r.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 once the default engine pool is loaded and the server is not stopping").register(registry);
        Gauge.builder("process.resident.memory", PROC_STATUS, Metrics::residentBytes).baseUnit("bytes")
                .description("Resident set size of the process (VmRSS), native engine memory included").register(registry);
    }

    /** The Prometheus text of every meter. */
    byte[] scrape() {
        return registry.scrape().getBytes(StandardCharsets.UTF_8);
    }

    /** Logs and counts one answered request. */
    void request(String method, String path, int status, double millis, long inBytes, long outBytes) {
        String route = routes.contains(path) ? path : "other";
        access.info("{} {} {} {}ms in={}B out={}B", method, path.length() > 200 ? path.substring(0, 200) : path, status,
                Math.round(millis), inBytes, outBytes);
        String s = Integer.toString(status);
        Counter.builder("ocr.http.requests").description("HTTP requests by route and status")
                .tags("method", method, "path", route, "status", s).register(registry).increment();
        Timer.builder("ocr.http.request.duration").description("HTTP request latency")
                .tags("method", method, "path", route, "status", s)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** VmRSS from /proc/self/status, in bytes; NaN where there is no such file. */
    static double residentBytes(Path status) {
        try {
            List<String> lines = Files.readAllLines(status, StandardCharsets.US_ASCII);
            for (String l : lines) {
                if (l.startsWith("VmRSS:")) {
                    String[] f = l.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024.0; // always in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(Metrics.class).debug("cannot read {}: {}", status, e.toString());
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        registry.close();
    }
}
