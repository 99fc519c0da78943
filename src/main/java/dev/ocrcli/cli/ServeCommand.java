package dev.ocrcli.cli;

import dev.ocrcli.OcrException;
import dev.ocrcli.lang.TessdataLocator;
import dev.ocrcli.server.ApiKeys;
import dev.ocrcli.server.OcrServer;
import dev.ocrcli.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ocr-cli serve}: the HTTP API (see docs/server.md). A thin front over
 * {@link OcrServer}; SIGTERM/SIGINT stop it gracefully and the process exits 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true, abbreviateSynopsis = true,
        description = {"Serve OCR over HTTP: POST /v1/ocr, GET /v1/languages, /healthz, /readyz, /metrics, /openapi.json.",
                "Prints 'ocr-cli: listening on http://HOST:PORT' on stderr once bound; one access-log line per request on stderr.", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:stopped by SIGTERM or Ctrl-C, gracefully: requests in flight finish first",
            "2:usage error: bad option or value",
            "6:a language of --lang is missing or damaged",
            "7:native Tesseract unavailable on this platform",
            "11:cannot listen: the address is in use or not permitted"},
        footer = {"", "Here --max-pixels defaults to 100000000 (100 MP); larger images are answered 413 before decoding. "
                + "See docs/server.md."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    EngineMixin engineOptions;

    @Mixin
    VerbosityMixin verbosity;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    int port;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Engines per language set = images recognised at once (default: number of cores).")
    Integer jobs;

    @Option(names = "--queue", paramLabel = "N",
            description = "Requests that may wait for an engine; more are answered 503 with Retry-After (default: 4 x jobs).")
    Integer queue;

    @Option(names = "--max-body", paramLabel = "SIZE", defaultValue = "25MB",
            description = "Largest request body, e.g. 500KB, 25MB (default: ${DEFAULT-VALUE}); larger gets 413.")
    String maxBody;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Budget of one whole request: reading the body, waiting for an engine, decoding and recognising every page; "
                    + "past it 504 (default: ${DEFAULT-VALUE}; 0: none).")
    double timeoutSeconds;

    @Option(names = "--max-pages", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_PAGES,
            description = "Refuse documents (PDF, multi-page TIFF) with more than N pages with 413 before reading any "
                    + "(default: ${DEFAULT-VALUE}; 0: no limit).")
    int maxPages;

    @Option(names = "--max-engines", paramLabel = "N",
            description = "Engines loaded at once over all language sets, psm and preprocessing settings requests ask for; "
                    + "the least recently used idle set is closed to make room (default: 4 x jobs).")
    Integer maxEngines;

    @Option(names = "--pool-idle", paramLabel = "SECONDS", defaultValue = "600",
            description = "Close the engines of a language set other than --lang unused this long (default: ${DEFAULT-VALUE}; 0: never).")
    double poolIdleSeconds;

    @Option(names = "--recycle", paramLabel = "N", defaultValue = "0",
            description = "Rebuild each engine after N images, bounding memory Tesseract keeps (default: ${DEFAULT-VALUE}; 0: never).")
    int recycle;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer KEY' with one of the keys in FILE (one per line) on /v1/* and /metrics.")
    Path apiKeyFile;

    @Option(names = "--cors", paramLabel = "ORIGIN",
            description = "Allow browser requests from ORIGIN (e.g. https://app.example.com); CORS is off by default.")
    String cors;

    @Override
    public Integer call() throws Exception {
        // The access log is on by default: its logger is shown at info level even when others are at warn.
        if (System.getProperty("org.slf4j.simpleLogger.log." + OcrServer.ACCESS_LOGGER) == null) {
            System.setProperty("org.slf4j.simpleLogger.log." + OcrServer.ACCESS_LOGGER, "info");
        }
        ServerConfig cfg = config();
        // Fail fast, before binding, when a default language is missing.
        OcrServer.requireInstalled(engineOptions.tessdata, cfg.defaultLanguages());
        checkCanListen(host, port);
        OcrServer server;
        try {
            server = OcrServer.start(cfg);
        } catch (OcrException e) {
            throw e;
        } catch (Exception e) {  // Javalin's start throws checked exceptions too (Kotlin), hence Exception
            throw new OcrException(OcrException.Kind.SERVICE_UNAVAILABLE, "cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
        }
        Thread hook = new Thread(() -> {
            Console.err().println("ocr-cli: stopping (finishing requests in flight)");
            server.close();
            Console.err().println("ocr-cli: stopped");
            Console.err().flush();
            Console.out().flush();
            // A signal makes the JVM exit with 128+signal after the hooks; a graceful stop is a success.
            Runtime.getRuntime().halt(ExitCodes.OK);
        }, "ocr-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Console.err().println("ocr-cli: listening on " + server.baseUrl());
        Console.err().flush();
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
            throw e;
        }
        Console.err().println("ocr-cli: ready: " + cfg.jobs() + " engine(s) for " + String.join("+", cfg.defaultLanguages()));
        Console.err().flush();
        server.awaitStop();
        return ExitCodes.OK;
    }

    ServerConfig config() throws IOException {
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (j < 1 || j > 256) {
            throw new ParameterException(spec.commandLine(), "--jobs must be 1..256, not " + j);
        }
        if (queue != null && (queue < 0 || queue > 100_000)) {
            throw new ParameterException(spec.commandLine(), "--queue must be 0..100000, not " + queue);
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        if (recycle < 0) {
            throw new ParameterException(spec.commandLine(), "--recycle must not be negative");
        }
        if (timeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must not be negative");
        }
        if (maxPages < 0) {
            throw new ParameterException(spec.commandLine(), "--max-pages must not be negative");
        }
        if (maxEngines != null && (maxEngines < j || maxEngines > 4096)) {
            throw new ParameterException(spec.commandLine(), "--max-engines must be at least --jobs (" + j + ") and at most 4096, not "
                    + maxEngines);
        }
        if (poolIdleSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--pool-idle must not be negative");
        }
        long body = parseSize(maxBody);
        List<String> langs = TessdataLocator.parseLanguages(engineOptions.languages);
        ApiKeys keys = ApiKeys.none();
        if (apiKeyFile != null) {
            try {
                keys = ApiKeys.readFile(apiKeyFile);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--api-key-file: cannot read " + apiKeyFile + ": " + e.getMessage());
            }
        }
        int v = verbosity.level();
        // Checks -c, --psm, --oem, --dpi now rather than on the first request.
        engineOptions.builder(v).options();
        ServerConfig.Builder b = ServerConfig.builder((languages, psm) -> engineOptions.builder(v).languages(languages).pageSegMode(psm))
                .host(host).port(port).jobs(j)
                .defaultLanguages(langs).defaultPsm(engineOptions.psm)
                .maxBodyBytes(body)
                .maxPixels(engineOptions.maxPixels > 0 ? engineOptions.maxPixels : ServerConfig.DEFAULT_MAX_PIXELS)
                .maxPages(maxPages)
                .timeoutMillis(Math.round(timeoutSeconds * 1000))
                .poolIdleMillis(Math.round(poolIdleSeconds * 1000))
                .recycleAfter(recycle)
                .apiKeys(keys).corsOrigin(cors);
        if (queue != null) {
            b.queue(queue);
        }
        if (maxEngines != null) {
            b.maxEngines(maxEngines);
        }
        return b.build();
    }

    /** {@code 25MB}, {@code 500KB}, {@code 1048576}: binary units. */
    long parseSize(String s) {
        String t = s.strip().toUpperCase(Locale.ROOT).replace("IB", "B");
        long mult = 1;
        if (t.endsWith("GB")) {
            mult = 1L << 30;
        } else if (t.endsWith("MB")) {
            mult = 1L << 20;
        } else if (t.endsWith("KB")) {
            mult = 1L << 10;
        }
        String num = t.replaceAll("[KMG]?B$", "").strip();
        try {
            long n = Long.parseLong(num);
            if (n < 1 || n > (2L << 30) / mult) {
                throw new ParameterException(spec.commandLine(), "--max-body must be 1 byte..2GB, not " + s);
            }
            return n * mult;
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--max-body: not a size: '" + s + "' (use e.g. 25MB, 500KB, 1048576)");
        }
    }

    /**
     * Binds the address once and lets it go, so that a port in use or not permitted is one clear
     * line and exit code 11 (Jetty's own failure, when its start fails, no longer names the cause).
     */
    static void checkCanListen(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);  // as Jetty binds: a port only lingering in TIME_WAIT is free
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            String why = m.contains("in use") ? "the address is already in use (is another server running on that port?)"
                    : m.contains("ermission denied") ? "not permitted (ports below 1024 need privileges)"
                    : m.contains("assign requested address") ? "this machine has no such address"
                    : m;
            throw new OcrException(OcrException.Kind.SERVICE_UNAVAILABLE, "cannot listen on " + host + ":" + port + ": " + why, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
